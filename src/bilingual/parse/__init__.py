"""Reading sources: front matter, Markdown blocks with line numbers, and discovery of pairs."""
