"""In demo mode mail goes to files under var/mail: the server's console shows no raw MIME."""

from tests.test_env import run_gongkai


def test_demo_mail_is_written_to_var_mail_not_printed(tmp_path):
    send = (
        "from django.core.mail import send_mail; "
        "send_mail('申请已收到', '您的申请已收到。', None, ['applicant@example.cn'])"
    )
    result = run_gongkai(tmp_path, "shell", "-c", send, GONGKAI_DEMO="1")
    assert result.returncode == 0, result.stderr
    assert "Content-Type" not in result.stdout + result.stderr
    files = list((tmp_path / "mail").iterdir())
    assert len(files) == 1
    assert "applicant@example.cn" in files[0].read_text()
