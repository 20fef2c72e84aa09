import pytest

from sunlit.public.masking import mask_name


@pytest.mark.parametrize("name,masked", [
    ("张三", "张*"), ("张三丰", "张*丰"), ("欧阳娜娜", "欧**娜"), ("王", "*"), ("", ""),
    (" 李 四 ", "李*"), ("买买提·艾力", "买****力"),
])
def test_names_are_partly_masked(name, masked):
    assert mask_name(name) == masked
