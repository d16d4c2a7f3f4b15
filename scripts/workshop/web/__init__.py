"""What the site shows that is computed: markers, generated Markdown, glossary tooltips, citations and the published notebooks. May import model/."""
