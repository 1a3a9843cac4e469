"""The progress bar long commands draw on standard error."""

from io import StringIO

from gongkai.core.progress import Progress


def test_a_log_gets_a_line_each_tenth_of_the_way_not_each_step():
    log = StringIO()
    progress = Progress("生成申请", 1000, "件", stream=log)
    for _ in range(100):
        progress.advance(10)
    progress.close()
    lines = log.getvalue().splitlines()
    assert len(lines) == 10
    assert lines[0].startswith("生成申请 ███") and "100/1,000" in lines[0]
    assert "100%" in lines[-1] and "1,000/1,000" in lines[-1] and "件/秒" in lines[-1]


class Terminal(StringIO):
    def isatty(self):
        return True


def test_a_terminal_gets_one_line_redrawn():
    screen = Terminal()
    progress = Progress("生成政府信息", 3, "条", stream=screen)
    for _ in range(3):
        progress.advance(1)
    progress.close()
    text = screen.getvalue()
    assert text.count("\n") == 1 and text.count("\r") == 4
    assert text.rstrip("\n").rsplit("\r", 1)[1].startswith("生成政府信息 " + "█" * 30 + " 100%")
