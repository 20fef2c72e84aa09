"""What a public page may show of a person: the one masking rule (DESIGN.md §5). Names are
partly masked — the first character kept, and the last when the name has three or more — and
nothing else about a person (no ID number, bank number or address) is ever put on a public page."""


def mask_name(name: str) -> str:
    """张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜."""
    text = "".join(str(name or "").split())
    if len(text) <= 1:
        return "*" * len(text)
    if len(text) == 2:
        return text[0] + "*"
    return text[0] + "*" * (len(text) - 2) + text[-1]
