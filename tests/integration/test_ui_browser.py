"""The Gradio UI in a real browser (Debian chromium via Playwright): answers, sources, images, triage, errors."""

from __future__ import annotations

import json
import time

import pytest

from tests.conftest import ARTIFACTS, SHARED_DATA
from tests.ui_server import BOT_TEXT, browser, login, make_accounts, send, ui_server, wait_for_bot_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def ui_state(tmp_path_factory):
    return tmp_path_factory.mktemp("ui-state")


@pytest.fixture(scope="module")
def ui(small_index, ui_state):
    settings, _ = small_index
    state = ui_state
    env = {"MEDASSIST_INDEX_DIR": str(settings.index_dir), "MEDASSIST_STATE_DIR": str(state),
           "MEDASSIST_VISION_HEATMAP_DIR": str(state / "heatmaps"), "MEDASSIST_LLM_MAX_TOKENS": "96"}
    make_accounts(state)
    with ui_server(env) as url, browser() as b:
        yield url, b


def _page(b, url, user="dr.test"):
    """A new browser page signed in as ``user``, once the chat box shows."""
    page = b.new_page(viewport={"width": 1300, "height": 1000})
    t = time.perf_counter()
    login(page, url, user)
    page.locator("#message textarea").first.wait_for(timeout=60000)
    page.wait_for_selector("#signed-in", timeout=30000)
    return page, time.perf_counter() - t


def _shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def ui_generative(small_index, tmp_path_factory, ui):
    """The same app with the model trusted to write (as a served model is): its answer streams. One browser
    serves both apps (Playwright's sync API runs one at a time)."""
    settings, _ = small_index
    state = tmp_path_factory.mktemp("ui-generative")
    env = {"MEDASSIST_INDEX_DIR": str(settings.index_dir), "MEDASSIST_STATE_DIR": str(state),
           "MEDASSIST_LLM_MAX_TOKENS": "96", "MEDASSIST_LLM_TRUST": "generative"}
    make_accounts(state)
    with ui_server(env) as url:
        yield url, ui[1]


def test_patient_gets_the_composed_reply_with_plain_next_steps(ui):
    url, b = ui
    page, _ = _page(b, url, "pat.test")
    send(page, "I've had a runny nose and a mild sore throat for two days, no fever")
    text = wait_for_bot_text(page, "not a diagnosis", timeout=120000)
    assert text.startswith("This sounds like something you can look after at home."), text
    assert "Get help sooner if:" in text and "Next step (self-care)" in text
    assert page.locator("[data-testid='bot'] a[href^='https://www.nhs.uk/']").count() >= 1
    _shot(page, "ui-patient-composed")


def test_clinician_sees_the_record_summary_with_sources_that_open(ui):
    from tests.ui_server import PATIENTS

    url, b = ui
    page, _ = _page(b, url, "dr.test")
    page.locator("#patient input").click()
    page.locator("#patient [role=option]", has_text=PATIENTS[1][:8]).first.click()
    send(page, "Summarise the record")
    text = wait_for_bot_text(page, "not a diagnosis", timeout=120000)
    assert "Record summary" in text and "Active problems" in text and "Current medications" in text
    links = page.locator("#sources a[href^='/record/']")
    links.first.wait_for(timeout=30000)
    with page.expect_popup() as popup:
        links.first.click()
    opened = popup.value
    opened.wait_for_load_state()
    assert '"resourceType"' in opened.content() and PATIENTS[1] in links.first.get_attribute("href")
    _shot(page, "ui-clinician-summary")


def test_clinician_question_gets_quoted_sentences_with_source_links(ui):
    url, b = ui
    page, _ = _page(b, url)
    send(page, "What are the symptoms of pneumonia?")
    text = wait_for_bot_text(page, "not a diagnosis", timeout=120000)
    assert "From the sources" in text or "do not answer this question" in text
    assert page.locator("#sources a[href^='https://']").count() >= 1
    _shot(page, "ui-clinician-extractive")


def test_clinician_question_streams_answer_with_cited_source_link(ui_generative):
    url, b = ui_generative
    page, load_s = _page(b, url)
    sent = send(page, "What are the symptoms of pneumonia?")
    page.wait_for_function(f"() => ({BOT_TEXT})().trim().length > 0", timeout=120000)
    first_token_s = time.perf_counter() - sent
    lengths = []
    while "not a diagnosis" not in page.evaluate(BOT_TEXT) and time.perf_counter() - sent < 120:
        lengths.append(len(page.evaluate(BOT_TEXT)))
        time.sleep(0.1)
    assert len(set(lengths)) > 2, "the answer did not stream"
    links = page.locator("#sources a[href^='https://']")
    assert links.count() >= 1 and page.locator("#sources [data-n='1']").count() == 1
    _shot(page, "ui-clinician")
    (ARTIFACTS / "ui-timings.json").write_text(json.dumps({"page_load_s": load_s, "first_token_s": first_token_s}))


def test_xray_upload_shows_finding_and_heatmap(ui):
    url, b = ui
    page, _ = _page(b, url)
    page.locator("input[type=file]").first.set_input_files(str(SHARED_DATA / "images" / "cxr_samples" / "00000001_000."
                                                                                                        "png"))
    page.wait_for_timeout(1000)
    send(page, "What does this chest X-ray show?")
    text = wait_for_bot_text(page, "Image finding", timeout=120000)
    assert "pneumonia" in text or "normal" in text
    page.wait_for_function("() => Array.from(document.querySelectorAll('[data-testid=\"bot\"] img'))"
                           ".some(i => i.src.includes('heatmap'))", timeout=60000)
    _shot(page, "ui-xray")


def _patient_emergency(b, url, message):
    """A page in the patient role after ``message``, once the emergency banner shows."""
    page, _ = _page(b, url, "pat.test")
    send(page, message)
    page.wait_for_selector(".triage-emergency", timeout=60000)
    return page


def test_patient_red_flag_shows_emergency_banner(ui):
    url, b = ui
    page = _patient_emergency(b, url, "I have crushing chest pain going down my left arm and I'm sweating")
    assert "emergency" in page.evaluate(BOT_TEXT).lower()
    _shot(page, "ui-emergency")


def test_vitals_written_in_a_patient_message_show_in_the_banner(ui):
    url, b = ui
    page = _patient_emergency(b, url, "My mum is 77 and has a water infection; her BP just read 85 over 50 and pulse "
                                      "118.")
    banner = page.inner_text(".triage-emergency")
    # the finding that decided comes before the note on what was read
    assert banner.index("danger sign: systolic blood pressure 85") < banner.index("vital signs read from the text")
    assert "Why: systolic blood pressure 85." in page.evaluate(BOT_TEXT)
    _shot(page, "ui-stated-vitals")


def test_session_persists_across_reload(ui):
    url, b = ui
    page, _ = _page(b, url)
    send(page, "What is asthma?")
    page.wait_for_function(f"() => ({BOT_TEXT})().includes('not a diagnosis')", timeout=120000)
    page.reload()
    page.wait_for_function(f"() => ({BOT_TEXT})().includes('not a diagnosis')", timeout=30000)
    assert "What is asthma?" in page.inner_text("#chat")


def test_vitals_form_shows_news2_card(ui):
    url, b = ui
    page, _ = _page(b, url)
    page.get_by_text("Vital signs").click()
    for elem, value in (("v-rr", "25"), ("v-spo2", "95"), ("v-sbp", "120"), ("v-hr", "80"), ("v-temp", "37")):
        page.locator(f"#{elem} input").fill(value)
        page.locator(f"#{elem} input").press("Tab")
    page.wait_for_function("() => (document.querySelector('.news2-card')?.innerText || '').includes('NEWS2 4')",
                           timeout=30000)
    assert "low-medium" in page.inner_text(".news2-card")


def test_server_down_shows_inline_error(ui, tmp_path):
    _, b = ui
    env = {"MEDASSIST_LLM_BACKEND": "openai", "MEDASSIST_LLM_BASE_URL": "http://127.0.0.1:9/v1",
           "MEDASSIST_LLM_RETRIES": "0", "MEDASSIST_STATE_DIR": str(tmp_path),
           "MEDASSIST_INDEX_DIR": str(tmp_path / "none")}
    make_accounts(tmp_path)
    with ui_server(env) as url:
        page, _ = _page(b, url)
        send(page, "hello")
        text = wait_for_bot_text(page, "Error", timeout=60000)
        assert "127.0.0.1:9" in text and "Traceback" not in text
        _shot(page, "ui-server-down")


def test_twenty_concurrent_sessions(ui):
    import subprocess
    import sys

    url, _ = ui
    p = subprocess.run([sys.executable, "-m", "tests.bench.ui_load", url, "--sessions", "20", "--timeout", "400"],
                       capture_output=True, text=True, timeout=900)
    summary = json.loads(p.stdout.strip().splitlines()[-1])
    (ARTIFACTS / "ui-load.json").write_text(json.dumps(summary))
    assert p.returncode == 0 and summary["ok"] == 20, summary


def test_the_chat_needs_a_login(ui):
    url, b = ui
    page = b.new_page()
    page.goto(url, timeout=60000)
    assert page.url.endswith("/login") and page.locator("#password").count() == 1
    assert page.goto(f"{url}/chat/").status == 401
    login(page, url, "dr.test", "not the password")
    assert "wrong username or password" in page.inner_text(".error")


def test_a_patient_account_has_no_patient_picker_and_no_clinician_mode(ui):
    url, b = ui
    page, _ = _page(b, url, "pat.test")
    assert "pat.test (patient)" in page.inner_text("#signed-in")
    for hidden in ("#role", "#patient", "#glass-patient"):
        assert not page.locator(hidden).is_visible(), hidden
    _shot(page, "ui-patient-account")


def test_a_clinician_picks_only_from_assigned_patients(ui):
    from tests.ui_server import PATIENTS

    url, b = ui
    page, _ = _page(b, url, "dr.test")
    page.locator("#patient input").click()
    page.wait_for_selector("#patient [role=option]", timeout=30000)
    options = page.locator("#patient [role=option]").all_inner_texts()
    ids = {o.rsplit("·", 1)[-1].strip() for o in options if "·" in o}
    assert ids == {p[:8] for p in PATIENTS[:2]}, options
    _shot(page, "ui-clinician-patients")


def test_break_the_glass_asks_a_reason_and_is_logged(ui, ui_state):
    from tests.conftest import run_cli
    from tests.ui_server import PATIENTS

    url, b = ui
    page, _ = _page(b, url, "dr.test")
    page.get_by_text("Break the glass").click()
    page.locator("#glass-patient textarea, #glass-patient input").first.fill(PATIENTS[2])
    send(page, "What are the active problems?")
    assert "break the glass with a reason" in wait_for_bot_text(page, "break the glass", timeout=60000)
    page.locator("#glass-reason textarea, #glass-reason input").first.fill("on call tonight, patient deteriorating")
    send(page, "What are the active problems?")
    page.wait_for_function(f"() => ({BOT_TEXT})().includes('not a diagnosis')", timeout=120000)
    _shot(page, "ui-break-the-glass")
    p = run_cli("audit", "--patient", PATIENTS[2], "--json", env={"MEDASSIST_STATE_DIR": str(ui_state)})
    entries = [e for e in json.loads(p.stdout)["entries"] if e["username"] == "dr.test"]
    assert [(e["outcome"], e["break_glass"]) for e in entries][:2] == [("denied", False), ("allowed", True)]
    assert entries[1]["reason"] == "on call tonight, patient deteriorating"
