"""The processors of the Markdown extension ``debate`` (``mkdocs_debate.extension``), one module
per stage: the preprocessor, inline references, the cross-linker, anchors and contents, output."""
