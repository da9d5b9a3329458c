"""The Telegram bot through the real python-telegram-bot stack, against the fake Bot API.

One bot (our `build_application`, AIORateLimiter on, getUpdates long polling) serves the
whole module; every test uses its own chat ids so tests do not see each other's calls.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import threading
import time

import pytest

from moviebot.bot import callbacks
from moviebot.bot.commands import COMMANDS
from moviebot.bot.formatting import visible_length
from tests.bot_harness import ADMIN_ID, BotHarness
from tests.fake_bot_api import BOT_ID, BOT_USERNAME

pytestmark = pytest.mark.timeout(120)

_ids = itertools.count(5000)


def new_id() -> int:
    return next(_ids)


@pytest.fixture(scope="module")
def bot(sample_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("botdb") / "movies.duckdb"
    shutil.copy(sample_db, db)
    with BotHarness(db, rate_limit=30, timeout=2.0) as harness:
        yield harness


@pytest.fixture
def api(bot):
    return bot.api


def text_of(call) -> str:
    return call.params.get("text") or call.params.get("caption") or ""


def buttons_of(call) -> list[dict]:
    markup = call.params.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard", []) for b in row]


def sent(api, chat_id, *, count=1, after=0, timeout=15.0):
    """The next `count` messages or photos the bot sent to `chat_id`."""
    deadline = time.monotonic() + timeout
    while True:
        calls = [
            c for c in api.calls[after:]
            if c.method in ("sendMessage", "sendPhoto") and c.params.get("chat_id") == chat_id
        ]
        if len(calls) >= count or time.monotonic() > deadline:
            assert len(calls) >= count, f"expected {count} replies to {chat_id}, got {calls}"
            return calls
        time.sleep(0.02)


# -- start-up ------------------------------------------------------------------------------
def test_commands_are_published_like_help(api):
    default = api.commands[json.dumps([{"type": "default"}, None], sort_keys=True)]
    public = [c.name for c in COMMANDS if not c.admin]
    assert [c["command"] for c in default] == public
    spanish = api.commands[json.dumps([{"type": "default"}, "es"], sort_keys=True)]
    assert "recomendar" in [c["command"] for c in spanish]
    admin = api.commands[json.dumps([{"chat_id": ADMIN_ID, "type": "chat"}, None], sort_keys=True)]
    assert [c["command"] for c in admin] == [c.name for c in COMMANDS]
    assert {"reload", "stats"} <= {c["command"] for c in admin}
    assert not {"reload", "stats"} & {c["command"] for c in default}


def test_help_lists_every_registered_command(api):
    chat = new_id()
    api.send_text("/help", user_id=chat)
    text = text_of(sent(api, chat)[0])
    for command in COMMANDS:
        assert (f"/{command.name}" in text) is (not command.admin), command.name


# -- private chat --------------------------------------------------------------------------
def test_start_in_private_chat(api):
    chat = new_id()
    api.send_text("/start", user_id=chat)
    call = sent(api, chat)[0]
    assert call.method == "sendMessage"
    assert "Hi Ana" in call.params["text"]
    assert call.params["parse_mode"] == "HTML"
    assert "reply_parameters" not in call.params  # no quoting in private chats


def test_movie_card_is_a_photo_with_buttons(api):
    chat = new_id()
    api.send_text("/movie titanic 1997", user_id=chat)
    call = sent(api, chat)[0]
    assert call.method == "sendPhoto"
    assert call.params["photo"].startswith("https://image.tmdb.org/t/p/w500/")
    caption = call.params["_result"]["caption"]  # as Telegram would show it
    assert "Titanic" in caption and "1997" in caption
    assert len(caption) <= 1024
    buttons = buttons_of(call)
    assert buttons and all(len(b["callback_data"].encode()) <= 64 for b in buttons)
    assert any("Titanic (1953)" in b["text"] for b in buttons)


def test_card_falls_back_to_text_when_the_poster_is_refused(api):
    chat = new_id()
    api.refuse_photo_urls = True
    try:
        mark = api.mark()
        api.send_text("/movie amelie", user_id=chat)
        call = sent(api, chat, after=mark)[-1]
        if call.method == "sendPhoto":  # the refused attempt is recorded too
            call = sent(api, chat, count=2, after=mark)[-1]
        assert call.method == "sendMessage"
        assert "Amélie" in call.params["text"]
        assert api.calls_of("sendPhoto", chat_id=chat)  # it tried the photo first
    finally:
        api.refuse_photo_urls = False


def test_plain_text_in_private_chat_is_a_title(api):
    chat = new_id()
    api.send_text("jumanji", user_id=chat)
    assert "Jumanji" in text_of(sent(api, chat)[0])


def test_misspelled_title_offers_candidates(api):
    chat = new_id()
    api.send_text("/recommend titanic", user_id=chat)
    call = sent(api, chat)[0]
    assert "Titanic" in text_of(call)
    api.send_text("/movie Toy Stroy", user_id=chat)
    call = sent(api, chat, count=2)[1]
    assert "Toy Story" in text_of(call)


# -- order within a chat, concurrency across chats -----------------------------------------
def test_replies_in_one_chat_keep_their_order_while_other_chats_go_on(bot, api):
    """A slow first command (its chat action takes 1.5 s at the server) and a quick second
    one in the same chat: the replies come in the order the commands were sent. Another
    chat asking meanwhile is answered at once, not after the slow chat."""
    chat, other = new_id(), new_id()
    api.fail("sendChatAction", "slow", chat_id=chat)
    mark = api.mark()
    api.send_text("/director james cameron", user_id=chat)
    api.wait_for("sendChatAction", chat_id=chat, after=mark)  # the slow one is under way
    api.send_text("/runtime titanic", user_id=chat)
    api.send_text("/runtime amelie", user_id=other)
    quick = sent(api, other, after=mark)[0]
    replies = sent(api, chat, count=3, after=mark)
    assert "122" in text_of(quick)
    assert "Titanic" in text_of(replies[0]) and replies[1].params["photo"]["png"]
    assert "194" in text_of(replies[2]), [text_of(r)[:40] for r in replies]
    assert quick.at < replies[0].at  # the other chat did not wait for the slow one
    processor = bot.app.update_processor
    deadline = time.monotonic() + 5
    while processor.chats_in_flight and time.monotonic() < deadline:
        time.sleep(0.02)
    assert processor.chats_in_flight == 0  # the per-chat lock table empties


def test_a_burst_in_one_chat_is_answered_in_order(api):
    chat = new_id()
    mark = api.mark()
    titles = ["titanic", "amelie", "jumanji", "toy story", "alien", "heat"]
    for title in titles:
        api.send_text(f"/runtime {title}", user_id=chat)
    replies = [text_of(c).lower() for c in sent(api, chat, count=len(titles), after=mark)]
    for title, reply in zip(titles, replies, strict=True):
        assert title.split()[0] in reply.replace("é", "e"), (title, reply)


# -- buttons -------------------------------------------------------------------------------
def test_buttons_answer_and_send_the_result(api):
    chat = new_id()
    api.send_text("/recommend Toy Story", user_id=chat)
    call = sent(api, chat)[0]
    assert "Toy Story 2" in call.params["text"]
    more = [b for b in buttons_of(call) if b["callback_data"].split("|")[3] == "r"]
    assert more
    message = call.params["_result"]
    mark = api.mark()
    api.press(more[0]["callback_data"], user_id=chat, message=message)
    api.wait_for("answerCallbackQuery", after=mark)
    reply = sent(api, chat, after=mark)[0]
    assert "1." in reply.params["text"]


def test_a_chosen_candidate_removes_the_which_one_keyboard(api):
    chat = new_id()
    api.send_text("/recommend termin", user_id=chat)
    question = sent(api, chat)[0]
    assert "Which one" in text_of(question) and buttons_of(question)
    mark = api.mark()
    message = question.params["_result"]
    api.press(buttons_of(question)[0]["callback_data"], user_id=chat, message=message)
    assert "If you liked" in text_of(sent(api, chat, after=mark)[0])
    edit = api.wait_for("editMessageReplyMarkup", after=mark)[0]
    assert edit.params["message_id"] == message["message_id"]
    assert not edit.params.get("reply_markup")
    # buttons under an answer stay: "more like this" can be pressed again and again
    answer = sent(api, chat, after=mark)[0]
    more = api.mark()
    api.press(buttons_of(answer)[0]["callback_data"], user_id=chat,
              message=answer.params["_result"])
    sent(api, chat, after=more)
    api.send_text("/runtime titanic", user_id=chat)  # after the press (order per chat)
    assert "194" in text_of(sent(api, chat, count=2, after=more)[1])
    assert not api.calls_of("editMessageReplyMarkup", message_id=answer.params["_result"][
        "message_id"])


def test_old_and_foreign_buttons_answer_sensibly(api):
    chat = new_id()
    message = {"message_id": 1, "date": 0, "chat": {"id": chat, "type": "private"},
               "from": api.bot_user, "text": "old"}
    # a button from another data version, film still there: answered from the new catalogue
    api.press(callbacks.encode("m", 597, tag="0ld0", lang="en"), user_id=chat, message=message)
    assert "Titanic" in text_of(sent(api, chat)[0])
    # a film that no longer exists
    api.press(callbacks.encode("m", 999999999, tag="0ld0", lang="en"), user_id=chat,
              message=message)
    assert "older version" in text_of(sent(api, chat, count=2)[1])
    # a button of a format we no longer know
    api.press("v0:movie:597", user_id=chat, message=message)
    assert "expired" in text_of(sent(api, chat, count=3)[2])


# -- groups --------------------------------------------------------------------------------
def test_group_addressed_commands_and_quotes(api):
    group, user = -new_id(), new_id()
    api.send_text("/recommend@OtherBot Toy Story", chat_id=group, chat_type="group",
                  user_id=user)
    api.send_text("/unknown@OtherBot", chat_id=group, chat_type="group", user_id=user)
    api.send_text("just chatting about Titanic", chat_id=group, chat_type="group", user_id=user)
    update = api.send_text(f"/recommend@{BOT_USERNAME} Toy Story", chat_id=group,
                           chat_type="supergroup", user_id=user)
    call = sent(api, group)[0]
    assert "Toy Story 2" in call.params["text"]
    assert call.params["reply_parameters"]["message_id"]  # quotes the command
    api.send_text(f"/nonsense@{BOT_USERNAME}", chat_id=group, chat_type="group", user_id=user)
    call = sent(api, group, count=2)[1]
    assert "/help" in call.params["text"]
    assert len(sent(api, group, count=2)) == 2, "messages for other bots were answered"
    assert update


def test_a_mention_in_a_group_is_read_as_a_request(api):
    group, user = -new_id(), new_id()
    api.send_text("@SomeoneElse something like alien", chat_id=group, chat_type="group",
                  user_id=user)
    api.send_text(f"@{BOT_USERNAME} algo como titanic", chat_id=group, chat_type="group",
                  user_id=user)
    call = sent(api, group)[0]
    assert "Si te gustó Titanic" in call.params["text"]  # the first answer is to our mention
    assert len(sent(api, group)) == 1, "a mention of someone else was answered"


def test_force_reply_flow_in_a_group(api):
    group, user = -new_id(), new_id()
    api.send_text(f"/movie@{BOT_USERNAME}", chat_id=group, chat_type="group", user_id=user)
    prompt = sent(api, group)[0]
    assert prompt.params["reply_markup"]["force_reply"] is True
    assert "Which movie?" in prompt.params["text"]
    # with privacy mode on, a group bot only sees replies to its own messages: answer the prompt
    api.send_text("amelie", chat_id=group, chat_type="group", user_id=user,
                  reply_to=prompt.params["_result"])
    card = sent(api, group, count=2)[1]
    assert "Amélie" in text_of(card)


def test_help_in_a_group_quotes_and_explains_addressing(api):
    group, user = -new_id(), new_id()
    api.send_text("/help", chat_id=group, chat_type="supergroup", user_id=user)
    call = sent(api, group)[0]
    assert call.params["reply_parameters"]["message_id"]
    text = call.params["text"]
    assert f"/movie@{BOT_USERNAME} titanic" in text and f"@{BOT_USERNAME} titanic" in text
    private = new_id()
    api.send_text("/help", user_id=private)
    assert "In groups" not in text_of(sent(api, private)[0])


def test_force_reply_prompt_in_a_group_is_selective_and_quotes_the_asker(api):
    """With privacy mode on (the fake's bot cannot read all group messages), the prompt must
    reach only the asker (selective ForceReply on a reply to their command) and their reply,
    a reply to the bot's own message, is delivered and answered with a quote."""
    assert api.bot_user["can_read_all_group_messages"] is False
    group, user = -new_id(), new_id()
    api.send_text(f"/recomendar@{BOT_USERNAME}", chat_id=group, chat_type="supergroup",
                  user_id=user, lang="en")
    prompt = sent(api, group)[0]
    markup = prompt.params["reply_markup"]
    assert markup["force_reply"] is True and markup["selective"] is True
    assert markup["input_field_placeholder"]
    assert prompt.params["reply_parameters"]["message_id"]  # a reply to the asker
    assert prompt.params["text"].startswith("/recomendar — ¿Qué película?")
    answer = api.message("Alien género:terror", chat_id=group, chat_type="supergroup",
                         user_id=user, reply_to=prompt.params["_result"])
    api.enqueue({"message": answer})
    reply = sent(api, group, count=2)[1]
    assert "Si te gustó <b>" not in reply.params["text"]  # HTML stays markup
    assert "Si te gustó Alien (1979)" in reply.params["_result"]["text"]
    assert "(Terror)" in reply.params["_result"]["text"]
    assert reply.params["reply_parameters"]["message_id"] == answer["message_id"]


def test_recommend_filters_through_telegram(api):
    chat = new_id()
    api.send_text("/recommend Alien genre:horror since:1990 until:2010 min:7", user_id=chat)
    text = sent(api, chat)[0].params["_result"]["text"]
    assert "If you liked Alien (1979) (Horror · 1990–2010 · ⭐ ≥ 7):" in text
    assert "1. " in text
    api.send_text("/recommend Alien genre:spaghetti", user_id=chat)
    text = sent(api, chat, count=2)[1].params["_result"]["text"]
    assert "spaghetti" in text and "Science Fiction" in text


def test_forum_topics_get_their_answers_in_the_topic(api):
    """In a forum supergroup the answers (to commands and to buttons) stay in the topic."""
    group, user = -new_id(), new_id()
    msg = api.message(f"/director@{BOT_USERNAME} james cameron", chat_id=group,
                      chat_type="supergroup", user_id=user)
    msg.update(message_thread_id=77, is_topic_message=True)
    msg["chat"]["is_forum"] = True
    mark = api.mark()
    api.enqueue({"message": msg})
    calls = sent(api, group, count=2, after=mark)
    assert all(c.params["message_thread_id"] == 77 for c in calls)
    assert api.calls_of("sendChatAction", chat_id=group)[0].params["message_thread_id"] == 77
    recommend = api.message(f"/recommend@{BOT_USERNAME} toy story", chat_id=group,
                            chat_type="supergroup", user_id=user)
    recommend.update(message_thread_id=77, is_topic_message=True)
    api.enqueue({"message": recommend})
    result = sent(api, group, count=3, after=mark)[2]
    shown = {**result.params["_result"], "message_thread_id": 77, "is_topic_message": True}
    api.press(buttons_of(result)[0]["callback_data"], user_id=user, message=shown)
    answer = sent(api, group, count=4, after=mark)[3]
    assert answer.params["message_thread_id"] == 77
    assert "reply_parameters" not in answer.params  # button answers do not quote
    plain = new_id()
    api.send_text("/runtime titanic", user_id=plain)
    assert "message_thread_id" not in sent(api, plain)[0].params


def test_added_to_a_group_says_hello_once(api):
    group, user = -new_id(), new_id()
    joined = api.message("", chat_id=group, chat_type="group", user_id=user)
    del joined["text"]
    joined["new_chat_members"] = [api.user(999, name="Someone")]
    api.enqueue({"message": joined})  # someone else joined: nothing to say
    added = api.message("", chat_id=group, chat_type="group", user_id=user)
    del added["text"]
    added["new_chat_members"] = [api.bot_user]
    api.enqueue({"message": added})
    hello = sent(api, group)[0]
    assert f"/recommend@{BOT_USERNAME} Alien; Blade Runner" in hello.params["text"]
    assert f"/movie@{BOT_USERNAME} titanic" in hello.params["text"]
    api.send_text(f"/runtime@{BOT_USERNAME} titanic", chat_id=group, chat_type="group",
                  user_id=user)
    assert "194" in text_of(sent(api, group, count=2)[1])  # one hello only


def test_reply_to_another_message_in_a_group_is_ignored(api):
    group, user = -new_id(), new_id()
    other = {"message_id": 3, "date": 0, "chat": {"id": group, "type": "group"},
             "from": {"id": 9, "is_bot": False, "first_name": "Bob"}, "text": "/movie x"}
    api.send_text("titanic", chat_id=group, chat_type="group", user_id=user, reply_to=other)
    api.send_text(f"/runtime@{BOT_USERNAME} titanic", chat_id=group, chat_type="group",
                  user_id=user)
    calls = sent(api, group)
    text = calls[0].params["text"]
    assert "minutes" in text and "Also: Titanic (1953)" in text
    assert any(b["text"] == "Titanic (1953)" for b in buttons_of(calls[0]))
    assert not api.calls_of("sendPhoto", chat_id=group)  # "titanic" (card) was ignored


# -- inline mode ---------------------------------------------------------------------------
def test_inline_query_lists_matches(api):
    user = new_id()
    mark = api.mark()
    api.inline("titanic", user_id=user)
    call = api.wait_for("answerInlineQuery", after=mark)[0]
    results = call.params["results"]
    assert results and results[0]["title"] == "Titanic"
    assert "1997" in results[0]["description"] and "⭐" in results[0]["description"]
    assert results[0]["thumbnail_url"].startswith("https://image.tmdb.org/t/p/w92/")
    # films with a poster are photo results: choosing one posts the poster with the card
    assert results[0]["type"] == "photo"
    assert results[0]["photo_url"].startswith("https://image.tmdb.org/t/p/w500/")
    assert results[0]["parse_mode"] == "HTML"
    caption = results[0]["caption"]
    assert "<b>Titanic</b> (1997)" in caption and "James Cameron" in caption
    assert visible_length(caption) <= 1024
    assert all(r["type"] == "photo" and r["caption"] for r in results)
    api.inline("zzzqqqxxx", user_id=user)
    call = api.wait_for("answerInlineQuery", after=mark, count=2)[1]
    assert call.params["results"] == [] and call.params["button"]["start_parameter"] == "help"


def test_inline_cards_answer_more_like_this_in_the_private_chat(api):
    """A card posted through inline mode (in any chat) carries "more like this"; pressing it
    sends the list to the user's private chat and says so."""
    user = new_id()
    mark = api.mark()
    api.inline("titanic", user_id=user)
    results = api.wait_for("answerInlineQuery", after=mark)[0].params["results"]
    assert all(r["reply_markup"]["inline_keyboard"][0][0]["text"] == "🍿 More like this"
               for r in results)
    button = results[0]["reply_markup"]["inline_keyboard"][0][0]
    api.press(button["callback_data"], user_id=user, inline_message_id="im-1")
    assert "If you liked Titanic (1997)" in _plain_text(sent(api, user, after=mark)[0])
    toast = api.wait_for("answerCallbackQuery", after=mark)[0].params
    assert toast["text"] == "Sent to our private chat 📬" and "url" not in toast


def test_inline_card_button_without_a_private_chat_opens_one(api):
    """Telegram refuses a first message to a user who never started the bot: the button
    opens the private chat with a deep link, and /start with it answers the same."""
    user = new_id()
    mark = api.mark()
    api.fail("sendMessage", "403", chat_id=user)
    api.press(callbacks.encode("r", 597, tag="abcd", lang="es"), user_id=user,
              inline_message_id="im-2")
    answer = api.wait_for("answerCallbackQuery", after=mark)[0].params
    assert answer["url"] == f"https://t.me/{BOT_USERNAME}?start=more-597"
    api.send_text("/start more-597", user_id=user)
    assert "If you liked Titanic (1997)" in _plain_text(sent(api, user, after=mark, count=2)[1])


def _plain_text(call) -> str:
    return re.sub(r"<[^>]+>", "", text_of(call))


def test_inline_empty_query_pages_and_personal_results(api):
    """"@ThisBot " alone lists the best-rated films; scrolling asks for the next page
    (next_offset); results are personal (the cards are in the user's language)."""
    user = new_id()
    mark = api.mark()
    api.inline("", user_id=user)
    first = api.wait_for("answerInlineQuery", after=mark)[0].params
    assert len(first["results"]) == 10 and str(first["next_offset"]) == "10"
    assert first["is_personal"] is True
    api.enqueue({"inline_query": {"id": "iq-page2", "from": api.user(user), "query": "",
                                  "offset": "10"}})
    second = api.wait_for("answerInlineQuery", after=mark, count=2)[1].params
    assert len(second["results"]) == 10 and str(second["next_offset"]) == "20"
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}
    api.enqueue({"inline_query": {"id": "iq-last", "from": api.user(user), "query": "",
                                  "offset": "40"}})
    last = api.wait_for("answerInlineQuery", after=mark, count=3)[2].params
    assert len(last["results"]) == 10 and not last.get("next_offset")  # 50 at most


def test_inline_results_without_a_poster_are_text_cards(bot, api, tmp_path):
    """A film without a poster (here: removed in a copy of the catalogue, loaded by /reload)
    is an article result whose chosen message is the full card as text."""
    import duckdb

    copy = tmp_path / "no_poster.duckdb"
    shutil.copy(bot.db, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("UPDATE movies SET poster_path = NULL WHERE title = 'Amélie'")
    assert bot.service.reload(copy).ok
    try:
        user = new_id()
        mark = api.mark()
        api.inline("amelie", user_id=user, lang="es")
        results = api.wait_for("answerInlineQuery", after=mark)[0].params["results"]
        amelie = next(r for r in results if r["title"] == "Amélie")
        assert amelie["type"] == "article" and "photo_url" not in amelie
        content = amelie["input_message_content"]
        assert content["parse_mode"] == "HTML"
        assert "<b>Amélie</b> (2001)" in content["message_text"]
        assert "Dirección" in content["message_text"]  # the Spanish user's card
    finally:
        assert bot.service.reload(bot.db).ok


# -- languages -----------------------------------------------------------------------------
def test_spanish_user_and_spanish_alias(api):
    chat = new_id()
    api.send_text("/runtime titanic", user_id=chat, lang="es-AR")
    assert "minutos" in text_of(sent(api, chat)[0])
    other = new_id()
    api.send_text("/duracion titanic", user_id=other, lang="en")
    assert "minutos" in text_of(sent(api, other)[0])


# -- bad input -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("/movie " + "x" * 5000, "too long"),
        ("/movie 🎬🍿🎥", "no movie"),
        ("/movie <b>Titanic</b> & co", "Titanic"),
        ("/actor <script>&amp;", "no actor"),
        ("/nonsense", "/help"),
        ("/movie", "Which movie?"),
        ("/score", "Which movie?"),
    ],
)
def test_bad_input_gets_a_clear_answer(api, text, expected):
    chat = new_id()
    api.send_text(text, user_id=chat)
    reply = sent(api, chat)[0]
    shown = reply.params["_result"].get("text") or reply.params["_result"].get("caption")
    assert expected in shown
    assert len(shown) <= 4096


def test_stickers_and_photos_get_a_hint_in_private_only(api):
    chat, group = new_id(), -new_id()
    sticker = api.message("", user_id=chat, lang="es")
    del sticker["text"]
    sticker["sticker"] = {"file_id": "S1", "file_unique_id": "s1", "type": "regular",
                          "width": 512, "height": 512, "is_animated": False,
                          "is_video": False}
    api.enqueue({"message": sticker})
    assert "Solo leo texto" in text_of(sent(api, chat)[0])
    photo = api.message("", chat_id=group, chat_type="group", user_id=chat)
    del photo["text"]
    photo["photo"] = [{"file_id": "P1", "file_unique_id": "p1", "width": 90, "height": 90}]
    api.enqueue({"message": photo})
    api.send_text(f"/runtime@{BOT_USERNAME} titanic", chat_id=group, chat_type="group",
                  user_id=chat)
    calls = sent(api, group)
    assert "194" in text_of(calls[0]) and len(sent(api, group)) == 1  # the photo: silence


def test_html_in_input_is_escaped(api):
    chat = new_id()
    api.send_text("/actor <b>&", user_id=chat)
    raw = sent(api, chat)[0].params["text"]
    assert "&lt;b&gt;&amp;" in raw and "<b>&" not in raw


# -- admin ---------------------------------------------------------------------------------
def test_non_admin_is_refused_politely(api, caplog):
    chat = new_id()
    with caplog.at_level("WARNING", logger="moviebot.bot.commands"):
        api.send_text("/reload", user_id=chat)
        assert "admins only" in text_of(sent(api, chat)[0])
    api.send_text("/stats", user_id=chat)
    assert "admins only" in text_of(sent(api, chat, count=2)[1])
    assert any("refused /reload" in r.getMessage() for r in caplog.records)


def test_group_admins_are_not_bot_admins(api):
    group, user = -new_id(), new_id()  # say, the group's owner: not in ADMIN_IDS
    api.send_text(f"/reload@{BOT_USERNAME}", chat_id=group, chat_type="supergroup",
                  user_id=user)
    assert "admins only" in text_of(sent(api, group)[0])


def test_chart_commands_show_a_chat_action_then_text_and_png(api):
    chat = new_id()
    mark = api.mark()
    api.send_text("/director james cameron", user_id=chat)
    calls = sent(api, chat, count=2, after=mark)
    assert api.calls_of("sendChatAction", chat_id=chat)
    assert "Titanic" in calls[0].params["text"]
    assert calls[1].method == "sendPhoto" and calls[1].params["photo"]["png"]


def test_admin_reload_and_stats(bot, api):
    mark = api.mark()
    api.send_text("/reload", user_id=ADMIN_ID)
    text = text_of(sent(api, ADMIN_ID, after=mark)[0])
    assert "Reloaded" in text and "data version" in text and "movies" in text
    api.send_text("/stats", user_id=ADMIN_ID)
    text = text_of(sent(api, ADMIN_ID, count=2, after=mark)[1])
    assert "Uptime" in text and "p99" in text and "reload" in text
    assert "Update → reply sent p50" in text


def test_reload_with_a_corrupt_file_keeps_serving(bot, api, tmp_path):
    corrupt = tmp_path / "corrupt.duckdb"
    corrupt.write_bytes(b"this is not a duckdb file" * 100)
    version = bot.service.data_version
    mark = api.mark()
    api.send_text(f"/reload {corrupt}", user_id=ADMIN_ID)
    text = text_of(sent(api, ADMIN_ID, after=mark)[0])
    assert "failed" in text and version in text
    api.send_text(f"/reload {tmp_path / 'missing.duckdb'}", user_id=ADMIN_ID)
    assert "does not exist" in text_of(sent(api, ADMIN_ID, count=2, after=mark)[1])
    assert bot.service.data_version == version
    chat = new_id()
    api.send_text("/runtime titanic", user_id=chat)
    assert "194" in text_of(sent(api, chat)[0])


def test_requests_during_reloads_all_get_answers(bot, api):
    chats = [new_id() for _ in range(30)]
    mark = api.mark()
    stop = threading.Event()

    def reload_loop():
        while not stop.is_set():
            bot.service.reload()

    worker = threading.Thread(target=reload_loop)
    worker.start()
    try:
        for i, chat in enumerate(chats):
            api.send_text("/runtime titanic" if i % 2 else "/recommend alien", user_id=chat)
        api.send_text("/reload", user_id=ADMIN_ID)
        for chat in chats:
            reply = text_of(sent(api, chat, after=mark)[0])
            assert "Titanic" in reply or "Alien" in reply, reply
        assert sent(api, ADMIN_ID, after=mark)
    finally:
        stop.set()
        worker.join()


# -- a difficult Bot API -------------------------------------------------------------------
def test_flood_control_429_is_retried(api):
    chat = new_id()
    api.fail("sendMessage", "429", chat_id=chat)
    api.send_text("/runtime titanic", user_id=chat)
    calls = sent(api, chat, count=2, timeout=20)
    assert "194" in calls[1].params["text"]  # the retry after retry_after


def test_flood_control_leaves_no_deprecation_noise_in_the_bot_log():
    """PTB warns about `retry_after`'s int form from its own RetryAfter constructor; the bot
    process (warnings shown, as `python -W default`) stays quiet."""
    import subprocess
    import sys

    code = ("import moviebot.bot.telegram_app\n"
            "from telegram.error import RetryAfter\n"
            "print(RetryAfter(3))\n")
    out = subprocess.run([sys.executable, "-W", "default", "-c", code], capture_output=True,
                         text=True, timeout=60, check=True)
    assert "Retry in 3 seconds" in out.stdout
    assert "Deprecat" not in out.stderr, out.stderr


@pytest.mark.parametrize("mode", ["500", "hang", "403"])
def test_bot_keeps_serving_after_send_failures(api, mode):
    chat = new_id()
    api.fail("sendMessage", mode, chat_id=chat)
    api.send_text("/runtime titanic", user_id=chat)
    sent(api, chat, timeout=20)  # the failed attempt
    api.send_text("/runtime amelie", user_id=chat)
    calls = sent(api, chat, count=2, timeout=20)
    assert "122" in calls[1].params["text"]


@pytest.mark.parametrize("mode", ["500", "429", "hang"])
def test_polling_survives_get_updates_errors(api, mode):
    chat = new_id()
    api.fail("getUpdates", mode, times=2 if mode != "hang" else 1)
    deadline = time.monotonic() + 30
    while api.pending_failures() and time.monotonic() < deadline:  # the polls met them
        time.sleep(0.05)
    assert not api.pending_failures()
    api.send_text("/runtime titanic", user_id=chat)
    assert "194" in text_of(sent(api, chat, timeout=30)[0])


def test_the_bot_is_who_the_server_says(bot):
    assert bot.app.bot.id == BOT_ID and bot.app.bot.username == BOT_USERNAME


def test_sniffio_is_available_to_httpcore(bot):
    """httpcore imports sniffio for every lock; it is a declared dependency (pyproject)."""
    import asyncio

    import sniffio

    async def inside() -> str:
        return sniffio.current_async_library()

    assert asyncio.run(inside()) == "asyncio"
    with pytest.raises(sniffio.AsyncLibraryNotFoundError):
        sniffio.current_async_library()
