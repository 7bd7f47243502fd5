"""Driving the Wagtail editor as a person does: clicks and typing only.

A page type is a list of steps (`PAGE_TYPES`); each step fills one field, panel,
chooser or StreamField block the form has. A new page type, field or block is one
line: add a step. Every admin page the browser visits is recorded (`visited`) and
checked for console errors and policy violations (`assert_clean`).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import expect

from tests.factories import PASSWORD

FILES = Path(__file__).resolve().parent / "files"


class Embeds:
    """A stand-in for YouTube's oEmbed answer, so the video block validates offline."""

    def find_embed(self, url, max_width=None, max_height=None):
        return {
            "title": "A video",
            "author_name": "",
            "provider_name": "YouTube",
            "type": "video",
            "thumbnail_url": "",
            "width": 480,
            "height": 270,
            "html": '<a href="' + url + '">Watch the video</a>',
        }

    def accept(self, url):
        return "youtube.com" in url


# --- steps: each fills one part of the form ---------------------------------------


def labelled(page, label):
    """The field whose label reads `label` (required fields add an asterisk): the
    control the label is for, as a person clicking the label would reach it."""
    return page.locator(f"[id='{_target(page, label)}']")


def _target(page, label):
    pattern = re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$")
    return page.locator("label").filter(has_text=pattern).last.get_attribute("for")


def field_of(page, label):
    """The whole field (label, control, help) whose label reads `label`."""
    target = _target(page, label)
    return page.locator(".w-field", has=page.locator(f"[id='{target}']")).last


def text(label, value):
    def step(page, run):
        labelled(page, label).last.fill(value.format(**run))

    step.label = f"text {label}"
    return step


def date(label, value):
    """Type a date, then click away from the calendar that typing opened (it would
    cover the buttons below it), as a person does."""

    def step(page, run):
        labelled(page, label).fill(value)
        page.get_by_role("tab", name="Content").click()
        expect(page.locator(".xdsoft_datetimepicker").filter(visible=True)).to_have_count(0)

    step.label = f"date {label}"
    return step


def select(label, option):
    def step(page, run):
        labelled(page, label).select_option(label=option)

    step.label = f"select {label}"
    return step


def tick(option):
    def step(page, run):
        page.get_by_label(option, exact=True).check()

    step.label = f"tick {option}"
    return step


def pick(label, *options):
    """Choose options in a list where several may be chosen."""

    def step(page, run):
        labelled(page, label).select_option(label=list(options))

    step.label = f"pick {label}"
    return step


def rich_text(label, words):
    """Type into the Draftail editor of the field labelled `label`."""

    def step(page, run):
        editor = field_of(page, label).locator("[contenteditable=true]").first
        editor.click()
        page.keyboard.type(words)

    step.label = f"rich text {label}"
    return step


def own_organisation(label):
    """The presenter's organisation is already chosen; choosing again offers only it."""

    def step(page, run):
        chooser = field_of(page, label)
        expect(chooser).to_contain_text(run["organisation"])
        chooser.get_by_role("button", name="Actions").click()
        chooser.get_by_role("button", name=re.compile("Choose another")).click()
        modal = page.locator(".modal-content")
        expect(modal.get_by_role("link", name=run["organisation"])).to_be_visible()
        run["shot"](page, "editor-organisation-chooser-open")
        expect(modal.get_by_role("link", name=run["other_organisation"])).to_have_count(0)
        modal.get_by_role("link", name=run["organisation"]).click()
        expect(modal).to_be_hidden()

    step.label = f"chooser {label}"
    return step


def inline_page(button, parent, title):
    """Add an InlinePanel item and choose a page for it in the page chooser."""

    def step(page, run):
        page.get_by_role("button", name=button).click()
        page.get_by_role("button", name=re.compile("Choose a page")).last.click()
        modal = page.locator(".modal-content")
        modal.get_by_placeholder("Search…").fill(title)
        modal.get_by_role("link", name=title, exact=True).click()
        expect(modal).to_be_hidden()
        expect(page.get_by_text(title, exact=True).first).to_be_visible()

    step.label = f"inline panel {button}"
    return step


def _body(page):
    """The body's blocks: labels such as "Title" and "Description" recur elsewhere
    in the form (the Promote tab's fields)."""
    return page.locator("[data-contentpath=body]")


def _add_block(page, name):
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("listbox").get_by_role("option", name=name, exact=True).click()
    return page.locator("[data-contentpath]").filter(has=page.get_by_text(name)).last


def block_heading(words):
    def step(page, run):
        _add_block(page, "Heading")
        page.locator("input[name$='-value'][type=text]").last.fill(words)

    step.label = "block heading"
    return step


def block_paragraph(words):
    def step(page, run):
        _add_block(page, "Paragraph")
        page.locator("[data-contentpath=body] [contenteditable=true]").last.click()
        page.keyboard.type(words)

    step.label = "block paragraph"
    return step


def _upload_in_chooser(page, button, title, file):
    modal = page.locator(".modal-content")
    trigger = page.get_by_role("button", name=button).last
    trigger.click()
    upload = modal.get_by_role("tab", name="Upload")
    try:
        expect(upload).to_be_visible(timeout=15_000)
    except AssertionError:
        # A click before the new block's chooser was started did nothing and left the
        # button enabled: click again. Wagtail disables the button while its modal
        # loads, so a disabled button means the modal is slow, not missing: wait.
        if trigger.is_enabled():
            trigger.click()
        expect(upload).to_be_visible(timeout=60_000)
    upload.click()
    labelled(modal, "Title").fill(title)
    labelled(modal, "File").set_input_files(FILES / file)
    modal.get_by_role("button", name="Upload").click()
    expect(modal).to_be_hidden()


def block_image(title, alt):
    def step(page, run):
        _add_block(page, "Image")
        _upload_in_chooser(page, "Choose an image", title, "crest.png")
        _body(page).get_by_label("Alt text").last.fill(alt)

    step.label = "block image"
    return step


def block_document(title, description):
    def step(page, run):
        _add_block(page, "Document")
        _upload_in_chooser(page, "Choose a document", title, "leaflet.pdf")
        _body(page).get_by_label("Description").last.fill(description)

    step.label = "block document"
    return step


def block_video(title, url):
    def step(page, run):
        _add_block(page, "Video")
        _body(page).get_by_label(re.compile(r"^Title\b")).last.fill(title)
        _body(page).get_by_label(re.compile(r"^Video\b")).last.fill(url)
        _body(page).get_by_label("Duration").last.fill("4 minutes")

    step.label = "block video"
    return step


@dataclass
class PageType:
    name: str  # as in "Add child page"
    index: str  # the parent's title in the admin
    public: str  # where it is listed once live
    shows: str  # words of the page's own the preview must show
    steps: list = field(default_factory=list)


TOPIC = "Knife crime"
ORGANISATION_FIELD = "Delivering organisation"

PAGE_TYPES = [
    PageType(
        "Session page",
        "Sessions",
        "/sessions/",
        "What carrying a knife really means, told by officers.",
        [
            text("Summary", "What carrying a knife really means, told by officers."),
            select("Format", "Assembly"),
            pick("Topics", TOPIC),
            select("Youngest year group", "Year 8"),
            select("Oldest year group", "Year 11"),
            own_organisation(ORGANISATION_FIELD),
            rich_text("Learning outcomes", "Pupils know who to tell."),
            tick("Online relationships"),
            rich_text("What the school must prepare", "A hall and a member of staff."),
            text("Content warnings", "Talks about injuries."),
            inline_page("Add Follow-up resource", "Resources", "Staying safe online"),
            date("Next review due", "2027-06-30"),
        ],
    ),
    PageType(
        "Resource page",
        "Resources",
        "/resources/",
        "A leaflet for pupils about knives.",
        [
            text("Summary", "A leaflet for pupils about knives."),
            tick("Pupils aged 11 to 13"),
            select("Type", "Leaflet"),
            pick("Topics", TOPIC),
            own_organisation("Organisation"),
            block_heading("Why it matters"),
            block_paragraph("Carrying a knife makes you less safe."),
            block_image("Partnership crest", "The partnership crest"),
            block_document("Knife leaflet", "A printable leaflet"),
            block_video("What officers see", "https://www.youtube.com/watch?v=abc123"),
        ],
    ),
    PageType(
        "Training course page",
        "Training",
        "/training/",
        "How to respond when a pupil tells you something.",
        [
            text("Summary", "How to respond when a pupil tells you something."),
            text("Audience", "Designated safeguarding leads"),
            pick("Topics", TOPIC),
            text("CPD hours", "3"),
            rich_text("Learning outcomes", "Staff know the first three steps."),
        ],
    ),
]


# --- a person at a browser ---------------------------------------------------------


class Person:
    """One signed-in person in their own browser context. Records each admin page it
    visits and every console error (a policy violation is one) on it."""

    def __init__(self, browser, base_url, shots, visited):
        self.context = browser.new_context(
            base_url=base_url, viewport={"width": 1280, "height": 900}
        )
        self.page = self.context.new_page()
        self.errors = []
        self.visited = visited
        self.shots = shots
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("framenavigated", self._record)
        self.page.on("response", self._server_error)

    def _console(self, message):
        # A failed request is reported below, with its address.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(message.text)

    def _server_error(self, response):
        if response.status < 400:
            return
        if response.status == 400 and "validation_error" in response.text():
            # Autosave of a form not yet complete: Wagtail answers 400 with the
            # errors and shows "Autosave is paused" until the form is saved.
            return
        self.errors.append(f"{response.status} {response.url}: {response.text()[-2000:]}")

    def _record(self, frame):
        path = re.sub(r"^https?://[^/]+", "", frame.url)
        if path.startswith("/admin/"):
            self.visited.add(re.sub(r"/\d+/", "/<id>/", path.split("?")[0]))

    def sign_in(self, user, code):
        page = self.page
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(user.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_url("**/accounts/2fa/authenticate/")
        page.get_by_label("Code").fill(code())
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_url("**/dashboard/")

    def assert_clean(self):
        self.page.wait_for_load_state("networkidle")
        assert self.errors == [], f"console errors on {self.page.url}: {self.errors}"

    def goto(self, path):
        response = self.page.goto(path)
        assert response.status == 200, f"{path} answered {response.status}"
        self.assert_clean()
        return self.page

    def shot(self, page, name):
        path = self.shots / f"{name}.png"
        page.screenshot(path=path, full_page=False)
        return path

    def close(self):
        self.context.close()


def fill_form(person, page_type, run):
    """Every step of the page type's form, then check nothing complained."""
    run = {**run, "shot": person.shot}
    for step in page_type.steps:
        try:
            step(person.page, run)
        except Exception:
            print("console errors so far:", person.errors)
            raise
        assert person.errors == [], f"after {step.label}: {person.errors}"


def open_action_menu(page):
    page.get_by_role("button", name="More actions").click()


def submit_for_approval(page):
    open_action_menu(page)
    page.get_by_role("button", name=re.compile("(Submit|Resubmit) to")).click()


def workflow_action(page, action, comment):
    """Approve or request changes from the editor's action menu, with a comment."""
    open_action_menu(page)
    page.get_by_role("button", name=action, exact=True).click()
    modal = page.locator(".modal-content")
    modal.get_by_label(re.compile("Comment")).fill(comment)
    modal.locator("[type=submit]").click()
    expect(modal).to_be_hidden()


def preview(person, page_type, title):
    """Open the editor's preview panel and then the preview in a new tab: each shows
    the page as the public will see it, its own words included, with no error."""
    page = person.page
    toggle = page.get_by_role("button", name="Toggle preview")
    toggle.click()
    frame = page.frame_locator("#w-preview-iframe")
    expect(frame.get_by_role("heading", name=title, level=1)).to_be_visible()
    expect(frame.get_by_text(page_type.shows)).to_be_visible()
    person.shot(page, f"preview-{page_type.name.lower().replace(' ', '-')}")
    person.assert_clean()
    with person.context.expect_page() as opened:
        page.get_by_role("link", name="Preview in new tab").click()
    tab = opened.value
    tab.on("console", person._console)
    tab.on("pageerror", lambda e: person.errors.append(str(e)))
    expect(tab.get_by_role("heading", name=title, level=1)).to_be_visible()
    expect(tab.get_by_text(page_type.shows)).to_be_visible()
    tab.wait_for_load_state("networkidle")
    tab.close()
    toggle.click()
    person.assert_clean()


def compare_with_previous(person, old_title, new_title):
    """From the editor, open the page's history and compare the latest edit with the
    version before it: the title's old words and the words added are shown."""
    page = person.page
    page.get_by_role("link", name="History", exact=True).click()
    person.assert_clean()
    row = page.locator("tbody tr").filter(has_text="Draft saved").first
    row.get_by_role("button").first.click()
    page.get_by_role("link", name="Compare with previous version").click()
    person.assert_clean()
    title = page.locator("main").get_by_text(re.compile(re.escape(old_title))).first
    expect(title).to_be_visible()
    added = new_title.removeprefix(old_title).strip()
    expect(page.locator("main .addition").filter(has_text=added).first).to_be_visible()
    person.shot(page, "compare-revisions")
    page.go_back()
    page.go_back()
    person.assert_clean()
