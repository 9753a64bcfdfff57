"""Sentence templates of ``generate_news.py``: university press releases and event reports.

Each template is a Chinese sentence and its English translation with the same slots:
``{money}`` is filled with one value written both ways (3.5亿元 / RMB 350 million), and a
capitalised slot name in the English (``{Host}``) is the same value opening a sentence. A slot
name may end in a digit to ask for a second, different value of its kind (``{date2}``). The
templates are written apart from ``generate.py``'s, in the longer sentences of press releases.
"""

from __future__ import annotations

#: Glossary terms: (zh, en, variants, forbidden renderings, kind). The generator writes them to
#: the corpus's ``glossary.yaml`` and uses only these renderings, so ``glossary-term`` has no
#: reason to report a clean pair and ``forbidden-variant`` finds every planted one.
TERMS: list[tuple[str, str, list[str], list[str], str]] = [
    (
        "上海交通大学",
        "Shanghai Jiao Tong University",
        ["SJTU"],
        ["Shanghai Jiaotong University", "Shanghai Jiao-Tong University"],
        "org",
    ),
    ("复旦大学", "Fudan University", [], ["Fu Dan University"], "org"),
    ("同济大学", "Tongji University", [], ["Tong Ji University"], "org"),
    (
        "华东师范大学",
        "East China Normal University",
        ["ECNU"],
        ["East China Teachers University"],
        "org",
    ),
    ("李政道研究所", "Tsung-Dao Lee Institute", [], ["Li Zhengdao Institute"], "org"),
    (
        "张江高等研究院",
        "Zhangjiang Institute for Advanced Study",
        [],
        ["Zhangjiang Advanced Research Institute"],
        "org",
    ),
    (
        "上海市科学技术委员会",
        "Science and Technology Commission of Shanghai Municipality",
        ["STCSM"],
        ["Shanghai Science and Technology Commission"],
        "org",
    ),
    (
        "国家自然科学基金委员会",
        "National Natural Science Foundation of China",
        ["NSFC"],
        ["National Science Foundation of China"],
        "org",
    ),
    ("中国科学院", "Chinese Academy of Sciences", ["CAS"], ["China Academy of Sciences"], "org"),
    ("张江科学会堂", "Zhangjiang Science Hall", [], ["Zhangjiang Science Center"], "place"),
    ("闵行校区", "Minhang Campus", [], ["Minhang Branch Campus"], "place"),
    ("徐汇校区", "Xuhui Campus", [], [], "place"),
    ("钱学森图书馆", "Qian Xuesen Library", [], ["Tsien Hsue-shen Library"], "place"),
    ("思源湖畔报告厅", "Siyuan Lakeside Auditorium", [], [], "place"),
    ("人工智能", "artificial intelligence", [], [], "topic"),
    ("量子计算", "quantum computing", [], [], "topic"),
    ("碳中和", "carbon neutrality", [], [], "topic"),
    ("集成电路", "integrated circuits", [], [], "topic"),
    ("生物医药", "biomedicine", [], [], "topic"),
    ("海洋工程", "ocean engineering", [], [], "topic"),
    ("新材料", "new materials", [], [], "topic"),
    ("智慧医疗", "smart healthcare", [], [], "topic"),
]

#: The English of an organisation or place as a sentence has it: with "the" where English
#: wants one ("the Tsung-Dao Lee Institute", but "Fudan University").
WITH_THE = {
    "李政道研究所",
    "张江高等研究院",
    "上海市科学技术委员会",
    "国家自然科学基金委员会",
    "中国科学院",
    "张江科学会堂",
    "闵行校区",
    "徐汇校区",
    "钱学森图书馆",
    "思源湖畔报告厅",
}

#: Event names: Chinese and English, ``{ordinal}`` and ``{topic}`` filled per article.
EVENTS = [
    ("第{ordinal}届{topic}国际研讨会", "the {ordinal} International Symposium on {Topic}"),
    (
        "第{ordinal}届{topic}创新创业大赛",
        "the {ordinal} {Topic} Innovation and Entrepreneurship Contest",
    ),
    ("第{ordinal}届{topic}青年学者论坛", "the {ordinal} Young Scholars Forum on {Topic}"),
    (
        "第{ordinal}届{topic}产学研对接会",
        "the {ordinal} {Topic} Industry-University Matchmaking Fair",
    ),
]

PEOPLE = [
    ("王立新", "Wang Lixin"),
    ("张明华", "Zhang Minghua"),
    ("李文博", "Li Wenbo"),
    ("赵雪梅", "Zhao Xuemei"),
    ("周建国", "Zhou Jianguo"),
    ("吴晓峰", "Wu Xiaofeng"),
    ("陈思远", "Chen Siyuan"),
    ("刘欣然", "Liu Xinran"),
    ("孙海涛", "Sun Haitao"),
    ("郑雅琴", "Zheng Yaqin"),
    ("黄志强", "Huang Zhiqiang"),
    ("林静怡", "Lin Jingyi"),
]

#: A speaker's post: (zh, en), the English put after "of" the organisation.
POSTS = [
    ("副校长", "Vice President"),
    ("党委书记", "Party Secretary"),
    ("首席科学家", "Chief Scientist"),
    ("研究员", "Research Fellow"),
    ("主任", "Director"),
]

CATEGORIES = [
    "press-release",
    "event-report",
    "research-news",
    "campus-life",
    "international",
    "awards",
    "admissions",
]

#: Section headings (level two).
SECTIONS = [
    ("会议概况", "Overview"),
    ("主旨报告", "Keynote Speeches"),
    ("成果发布", "Results Announced"),
    ("合作签约", "Cooperation Agreements"),
    ("人才培养", "Training Young Talent"),
    ("平台建设", "Building Research Platforms"),
    ("下一步计划", "Next Steps"),
    ("活动安排", "Schedule"),
    ("数据一览", "Facts and Figures"),
    ("专家观点", "Expert Views"),
    ("国际交流", "International Exchange"),
    ("服务保障", "Services and Support"),
]

#: Subheadings (level three or four), about the article's topic.
SUBSECTIONS = [
    ("{topic}分论坛", "Parallel Session on {Topic}"),
    ("{topic}方向的新进展", "New Progress in {Topic}"),
    ("聚焦{topic}关键技术", "Key Technologies of {Topic}"),
    ("{topic}人才培养", "Training Talent in {Topic}"),
    ("{topic}成果转化", "Putting {Topic} Research to Use"),
]

#: The first paragraph: when, where, who and how many.
LEADS = [
    (
        "{date_wd}{time}，{event}在{place}开幕。",
        "{Event} opened at {place} at {time} on {date_wd}.",
    ),
    (
        "本次活动由{host}主办、{host2}承办，吸引了来自{countries}的{guests}参加。",
        "Hosted by {host} and organized by {host2}, the event drew {guests} from {countries}.",
    ),
    (
        "{speaker}、{speaker2}出席开幕式并致辞。",
        "{Speaker} and {speaker2} attended the opening ceremony and gave speeches.",
    ),
    (
        "开幕式由{host}{post}{name}主持，{academicians}位中国科学院院士到场。",
        "The opening ceremony was chaired by {name}, {post} of {host}, and {academicians} "
        "academicians of the Chinese Academy of Sciences attended.",
    ),
]

#: The last paragraph of every article, and a sentence of others: a link and an address.
CLOSING = (
    "更多信息请访问{link}，或发送邮件至{email}咨询。",
    "For more information, visit the {link} or write to {email}.",
)

#: Sentences of the body's paragraphs. Each is a whole sentence on both sides.
BODY = [
    (
        "{name}在致辞中表示，{topic}是新一轮科技革命和产业变革的重要驱动力量，高校应当在基础研究"
        "和人才培养两方面同时发力。",
        "In the opening speech, {name} said that {topic} is a key driving force of the new round "
        "of scientific and technological revolution and industrial transformation, and that "
        "universities should work on basic research and on training talent at the same time.",
    ),
    (
        "据介绍，{host}近年来在{topic}领域累计投入{money}，建成{n}个重点实验室，形成了一支结构"
        "合理、富有活力的研究队伍。",
        "{Host} has invested a total of {money} in {topic} in recent years and built {n} key "
        "laboratories, bringing together a research team that is well balanced and full of "
        "energy.",
    ),
    (
        "目前，已有{people}参与相关研究，其中青年科研人员占比达{pct}。",
        "Today {people} take part in the research, and young researchers make up {pct} of them.",
    ),
    (
        "项目总投资{money}，总建筑面积约{area}，预计将于{year}年建成并投入使用。",
        "The project has a total investment of {money} and a floor area of about {area}; it is "
        "expected to be completed and put into use in {year}.",
    ),
    (
        "会议期间，{n}位专家作了主旨报告，{n2}个分论坛同期举行，议题涵盖理论方法、工程实践和"
        "伦理治理等方面。",
        "During the conference, {n} experts gave keynote reports and {n2} parallel sessions were "
        "held at the same time, on subjects ranging from theory and methods to engineering "
        "practice and ethics and governance.",
    ),
    (
        "与会代表围绕{topic}的基础理论、关键技术和应用场景进行了深入交流，并就学科交叉与成果转化"
        "提出了建议。",
        "Participants held in-depth discussions on the basic theory, key technologies and "
        "applications of {topic}, and made suggestions on interdisciplinary research and the "
        "transfer of results.",
    ),
    (
        "据统计，本届活动线上观看量超过{wan}人次，较上届增长{pctw}。",
        "The event was watched online more than {wan} times, {pctw} more than the previous "
        "edition.",
    ),
    (
        "报名将于{date2}截止，入选者将接受为期{days}的集中培训。",
        "Registration closes on {date2}, and those selected will receive {days} of intensive "
        "training.",
    ),
    (
        "参赛队伍中有{frac}来自长三角地区以外的高校，比例为历届最高。",
        "{Frac} of the competing teams came from universities outside the Yangtze River Delta, "
        "the highest share so far.",
    ),
    (
        "学校计划在未来{years}内，将该领域的年度科研经费提高到{money}。",
        "The university plans to raise its annual research funding in the field to {money} "
        "within the next {years}.",
    ),
    (
        "该平台已服务企业{n}家，带动产业投资{money}，孵化初创团队{n2}个。",
        "The platform has served {n} companies, attracted {money} of industrial investment and "
        "incubated {n2} start-up teams.",
    ),
    (
        "活动当天{time}，{n}名志愿者已在{place}各入口就位，为来宾提供引导和咨询服务。",
        "By {time} on the day of the event, {n} volunteers were in place at every entrance of "
        "{place}, guiding guests and answering their questions.",
    ),
    (
        "截至{date2}，共有{nearly}名学生提交了申请，录取比例为{pct}。",
        "As of {date2}, nearly {nearly} students had applied, and {pct} of them will be admitted.",
    ),
    (
        "本年度共有{n}项成果获得省部级以上奖励，其中一等奖{n2}项。",
        "This year {n} results won provincial or ministerial awards or higher, including {n2} "
        "first prizes.",
    ),
    (
        "此外，图书馆新增馆藏图书{wan}册，电子资源访问量同比增长{pctd}。",
        "In addition, the library added {wan} books to its collection, and visits to its "
        "electronic resources rose by {pctd} year on year.",
    ),
    (
        "{name}透露，{host}将联合{host2}设立总额{money}的专项基金，重点支持{topic}方向的青年学者。",
        "{Name} said that {host} would set up a special fund of {money} with {host2} to support "
        "young scholars working on {topic}.",
    ),
    (
        "论坛为期{n}天，共安排{n2}场专题报告和{n3}场圆桌讨论。",
        "The forum lasted {n} days and included {n2} keynote talks and {n3} round-table "
        "discussions.",
    ),
    (
        "{date2}{time2}，与会嘉宾还参观了{place2}，并与青年学生进行了面对面交流。",
        "At {time2} on {date2}, the guests also visited {place2} and talked with young students "
        "face to face.",
    ),
    (
        "自{year0}年启动以来，该计划已累计资助{scholars}，资助总额达{money}。",
        "Since its launch in {year0}, the program has supported {scholars} with a total of "
        "{money}.",
    ),
    (
        "参会人员需于{date2}前通过{link}完成注册，咨询邮箱为{email}。",
        "Participants must register through the {link} before {date2}; questions may be sent "
        "to {email}.",
    ),
    (
        "会上发布的《上海{topic}发展报告》显示，{year0}年相关产业规模达到{money}，同比增长{pctd}。",
        "The Shanghai {Topic} Development Report, released at the meeting, shows that the "
        "industry reached {money} in {year0}, up {pctd} year on year.",
    ),
    (
        "来自{n}所高校的{people}参加了本次比赛，参赛作品数量创历史新高。",
        "{People} from {n} universities took part in the competition, which received more "
        "entries than ever before.",
    ),
    (
        "比赛持续{n}个月，分为初赛、复赛和决赛，评审专家来自高校、科研院所和行业龙头企业。",
        "The competition lasted {n} months in a preliminary round, a semifinal and a final, and "
        "its judges came from universities, research institutes and leading companies.",
    ),
    (
        "参赛者需使用{code}命令提交作品，评测系统将在{n}分钟内返回结果。",
        "Participants submit their work with the {code} command, and the judging system returns "
        "the results within {n} minutes.",
    ),
    (
        "{place}共设{seats}个座位，当天座无虚席，不少观众站在过道里听完了报告。",
        "All {seats} seats of {place} were filled that day, and many listeners stood in the "
        "aisles until the end of the talks.",
    ),
    (
        "下一步，{host}将继续深化与国内外高校、科研机构和企业的合作，力争在{year}年前建成具有"
        "国际影响力的{topic}创新高地。",
        "Next, {host} will deepen its cooperation with universities, research institutions and "
        "companies in China and abroad, and aims to build an internationally influential "
        "innovation hub for {topic} by {year}.",
    ),
    (
        "据悉，下一届活动将于{daterange}在{place2}举行，届时将首次设立国际青年学者专场。",
        "The next edition will be held at {place2} from {daterange}, with a session for young "
        "international scholars for the first time.",
    ),
    (
        "活动吸引了约{about}名市民到场参观，现场发放宣传资料{wan}份。",
        "About {about} residents came to visit, and {wan} brochures were handed out on site.",
    ),
    (
        "今年新生中有{pctw}来自中西部地区，比去年提高了{n}个百分点。",
        "{Pctw} of this year's new students come from central and western China, {n} "
        "percentage points more than last year.",
    ),
    (
        "仪式持续约{n}分钟，{n2}名院士代表为毕业生拨穗正冠。",
        "The ceremony lasted about {n} minutes, and {n2} academicians moved the tassels for the "
        "graduates.",
    ),
    (
        "{host}还与{host2}签署了战略合作协议，双方将在{n}个方向开展联合攻关。",
        "{Host} also signed a strategic cooperation agreement with {host2}, under which the two "
        "sides will carry out joint research in {n} areas.",
    ),
    (
        "{speaker}以《{topic}的机遇与挑战》为题作主旨报告，系统介绍了该领域的最新进展。",
        "{Speaker} gave a keynote report titled Opportunities and Challenges of {Topic}, "
        "presenting the latest progress in the field.",
    ),
    (
        "{org}相关负责人表示，将为入选项目提供{days}的免费场地和最高{money}的启动资金。",
        "A representative of {org} said that selected projects would receive {days} of free "
        "space and start-up funding of up to {money}.",
    ),
    CLOSING,
    (
        "该研究成果于{date2}发表在国际学术期刊《自然·通讯》上，论文第一作者为{host}{year0}级博士研究生"
        "{name}。",
        "The results were published in Nature Communications on {date2}; the first author of "
        "the paper is {name}, a doctoral student of {host} who enrolled in {year0}.",
    ),
    (
        "研究团队历时{n}年，在{topic}的核心算法上取得突破，相关技术已申请发明专利{n2}件。",
        "Over {n} years, the research team made a breakthrough in the core algorithms of {topic} "
        "and has applied for {n2} invention patents on the technology.",
    ),
    (
        "当天{time}至{time2}，{place}还举办了面向中学生的科普开放日活动，参与人数约{about}人。",
        "From {time} to {time2} that day, {place} also held an open day for secondary school "
        "students, with about {about} taking part.",
    ),
]

#: Sentences a block quote opens with: a speaker's words (no values: quoted speech rarely has).
QUOTES = [
    (
        "希望同学们珍惜时光，勇于探索未知，把个人理想融入国家发展之中",
        "I hope our students will make the most of their time, explore the unknown with courage "
        "and connect their own ideals with the development of the country",
    ),
    (
        "基础研究是科技创新的源头，我们要有坐冷板凳的耐心，也要有敢为人先的勇气",
        "Basic research is the source of scientific and technological innovation, and we need "
        "both the patience to work quietly for years and the courage to be the first",
    ),
    (
        "开放合作是推动{topic}发展的必由之路，任何一所大学都不可能单打独斗",
        "Open cooperation is the only way to advance {topic}, and no university can do it alone",
    ),
    (
        "我们既要仰望星空，也要脚踏实地，把论文写在祖国大地上",
        "We must look up at the stars and keep our feet on the ground, and write our papers on "
        "the land of our country",
    ),
    (
        "{topic}的下一个突破，很可能来自学科交叉的地带",
        "The next breakthrough in {topic} may well come from where disciplines meet",
    ),
]

#: Items of a bulleted list of results: (bold label, sentence).
RESULTS = [
    (
        ("论文", "Papers"),
        (
            "发表高水平论文{n}篇，其中{n2}篇发表于《自然》《科学》等期刊",
            "{n} high-level papers published, {n2} of them in journals such as Nature and Science",
        ),
    ),
    (
        ("项目", "Projects"),
        (
            "获批国家自然科学基金委员会资助项目{n}项，经费{money}",
            "{n} projects funded by the National Natural Science Foundation of China, worth "
            "{money}",
        ),
    ),
    (
        ("人才", "People"),
        (
            "培养博士研究生{n}名，其中{pct}进入高校和科研院所工作",
            "{n} doctoral students trained, {pct} of whom went on to work at universities and "
            "research institutes",
        ),
    ),
    (
        ("转化", "Transfer"),
        (
            "专利授权{n}件，成果转化合同金额{money}",
            "{n} patents granted, with technology transfer contracts worth {money}",
        ),
    ),
    (
        ("交流", "Exchange"),
        (
            "与{countries}的{n}所高校建立合作关系",
            "cooperation with {n} universities in {countries}",
        ),
    ),
    (
        ("服务", "Service"),
        (
            "为{n}家企业提供技术咨询，服务人次超过{wan}",
            "technical advice for {n} companies, with more than {wan} consultations",
        ),
    ),
]

#: Items of a numbered list: an agenda, time then what happens.
AGENDA = [
    ("开幕式及嘉宾致辞", "opening ceremony and welcome speeches"),
    ("主旨报告", "keynote reports"),
    ("分论坛报告", "parallel session talks"),
    ("圆桌讨论", "round-table discussion"),
    ("成果发布与签约仪式", "announcement of results and signing ceremony"),
    ("参观实验室", "laboratory visits"),
    ("闭幕式", "closing ceremony"),
]

#: Rows of a table of figures: a group of people and its English.
GROUPS = [
    ("本科生", "Undergraduates"),
    ("硕士研究生", "Master's students"),
    ("博士研究生", "Doctoral students"),
    ("博士后", "Postdoctoral fellows"),
    ("留学生", "International students"),
]

#: Captions of images; what the photograph shows.
CAPTIONS = [
    ("开幕式现场", "The opening ceremony"),
    ("与会嘉宾合影", "A group photo of the guests"),
    ("主旨报告现场", "A keynote report"),
    ("学生展示研究成果", "Students present their research"),
    ("签约仪式", "The signing ceremony"),
]

#: Commands quoted as inline code (the same on both sides).
COMMANDS = [
    "git push origin main",
    "make submit",
    "python run.py --check",
    "judge upload --team",
    "docker compose up",
]
