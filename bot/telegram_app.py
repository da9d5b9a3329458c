"""The Telegram adapter (python-telegram-bot v22): wiring in `build_application`, thin handlers.

Handlers only translate between Telegram objects and `commands.Commands` (which knows
nothing about Telegram) and send the `Reply` objects back. The command logic is
synchronous (DuckDB, matplotlib), so it runs in worker threads.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import re
import secrets
import time
import urllib.parse
import warnings
from collections.abc import Callable, Sequence

from telegram import (
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultPhoto,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, Conflict, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBDeprecationWarning

from moviebot.bot import redact
from moviebot.bot.bot_state import StateFile, state_path
from moviebot.bot.commands import (
    BY_NAME,
    COMMANDS,
    INLINE_MAX,
    Button,
    Commands,
    InlineItem,
    Reply,
    Who,
    parse,
)
from moviebot.bot.config import Config
from moviebot.bot.formatting import CAPTION_LIMIT, truncate
from moviebot.bot.i18n import lang_of, t
from moviebot.bot.polling import BotFailure, Watchdog, WatchedRequest, api_host, connect
from moviebot.core.served import Service

log = logging.getLogger(__name__)

# PTB 22.2+ warns about the int form of `RetryAfter.retry_after` on every flood-control
# answer, from its own constructor; our log line reads either form. (Opting in with
# PTB_TIMEDELTA=1 silences it too, but measured 5 % fewer updates/s in bench_bot.)
warnings.filterwarnings("ignore", message=r".*attribute `retry_after` will be of type",
                        category=PTBDeprecationWarning)

# What people send a bot besides text (in private chats these get "send me a title").
NOT_TEXT = (
    filters.Sticker.ALL
    | filters.PHOTO
    | filters.VOICE
    | filters.VIDEO
    | filters.VIDEO_NOTE
    | filters.AUDIO
    | filters.ANIMATION
    | filters.Document.ALL
    | filters.LOCATION
    | filters.CONTACT
)
INLINE_PAGE = 10  # inline results per answer; the next page comes with next_offset
SLOW_COMMANDS = {"actor", "director"}  # they render a chart: show a chat action first


# -- wiring --------------------------------------------------------------------------------
def build_application(
    config: Config,
    service: Service,
    *,
    timeout: float | None = None,
    watchdog: Watchdog | None = None,
) -> Application:
    """The bot: every handler, the rate limiter, the error handler, the command menus;
    `watchdog` sees every getUpdates answer and stops the bot when it cannot work."""
    if not config.token:
        raise ValueError("a bot token is required (TELEGRAM_BOT_TOKEN)")
    builder = (
        Application.builder()
        .token(config.token)
        .base_url(config.base_url)
        .defaults(
            Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(True))
        )
        .concurrent_updates(ChatOrderedProcessor(config.concurrency))
        .connection_pool_size(max(8, config.concurrency))
        .post_init(publish_commands)
    )
    if config.rate_limit > 0:
        builder = builder.rate_limiter(
            AIORateLimiter(overall_max_rate=config.rate_limit, max_retries=3)
        )
    if timeout is not None:
        builder = builder.connect_timeout(timeout).read_timeout(timeout).write_timeout(timeout)
    if watchdog is not None:
        builder = builder.get_updates_request(WatchedRequest(watchdog, connection_pool_size=1))
    app = builder.build()
    if watchdog is not None:
        watchdog.app = app
    app.bot_data["config"] = config
    app.bot_data["commands"] = Commands(service)

    names = sorted(BY_NAME)
    app.add_handler(CommandHandler(names, on_command))
    app.add_handler(MessageHandler(filters.REPLY & filters.TEXT & ~filters.COMMAND, on_reply))
    app.add_handler(MessageHandler(filters.COMMAND, on_unknown_command))
    app.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, on_text)
    )
    app.add_handler(MessageHandler(
        filters.ChatType.GROUPS & filters.TEXT & ~filters.COMMAND & filters.Regex(r"@\w"),
        on_mention))
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & NOT_TEXT, on_not_text))
    app.add_handler(MessageHandler(filters.StatusUpdate.NEW_CHAT_MEMBERS, on_new_members))
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_handler(InlineQueryHandler(on_inline))
    app.add_error_handler(on_error)
    return app


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Updates of different chats run concurrently; those of one chat run one at a time.

    Two quick commands in one chat are answered in the order they were sent. PTB starts a
    task per update in arrival order, and each waits for its chat's `asyncio.Lock` (FIFO),
    then for one of `concurrency` slots. PTB's own semaphore (held while waiting for the
    chat) is given a large bound, so one busy chat never takes the slots other chats need.
    A chat's lock lives only while some update of that chat is in flight or waiting, so the
    table never holds more than the updates in flight. Inline queries are not serialised
    (each is answered on its own); button presses count for their chat.
    """

    QUEUE = 10_000  # updates waiting for their chat at most (PTB's semaphore)

    def __init__(self, concurrency: int) -> None:
        super().__init__(self.QUEUE)
        self.concurrency = max(1, concurrency)
        self._slots = asyncio.Semaphore(self.concurrency)
        self._chats: dict[int, list] = {}  # chat id -> [lock, updates holding or waiting]

    @staticmethod
    def chat_key(update: object) -> int | None:
        """The chat whose order matters (the user's private chat for inline buttons)."""
        if not isinstance(update, Update) or update.inline_query or update.chosen_inline_result:
            return None
        if update.effective_chat is not None:
            return update.effective_chat.id
        return update.effective_user.id if update.effective_user else None

    async def do_process_update(self, update: object, coroutine) -> None:
        """Run `coroutine` after the earlier updates of the same chat."""
        key = self.chat_key(update)
        if key is None:
            async with self._slots:
                await coroutine
            return
        entry = self._chats.setdefault(key, [asyncio.Lock(), 0])
        entry[1] += 1
        started = False
        try:
            async with entry[0], self._slots:
                started = True
                await coroutine
        finally:
            entry[1] -= 1
            if entry[1] == 0:
                del self._chats[key]
            if not started and hasattr(coroutine, "close"):  # cancelled while waiting
                coroutine.close()

    @property
    def chats_in_flight(self) -> int:
        """Chats with an update running or waiting (the size of the lock table)."""
        return len(self._chats)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free: the lock table empties as updates finish."""


def bot_commands(lang: str, *, admin: bool) -> list[BotCommand]:
    """The command menu: the same table /help prints."""
    return [
        BotCommand(c.shown_name(lang), truncate(c.description(lang), 256))
        for c in COMMANDS
        if admin or not c.admin
    ]


async def publish_commands(app: Application) -> None:
    """set_my_commands: public commands for everyone, admin ones in admins' private chats."""
    config: Config = app.bot_data["config"]
    try:
        for lang in ("en", "es"):
            code = None if lang == "en" else lang
            await app.bot.set_my_commands(
                bot_commands(lang, admin=False), scope=BotCommandScopeDefault(), language_code=code
            )
        for admin_id in sorted(config.admin_ids):
            for lang in ("en", "es"):
                code = None if lang == "en" else lang
                try:
                    await app.bot.set_my_commands(
                        bot_commands(lang, admin=True),
                        scope=BotCommandScopeChat(admin_id),
                        language_code=code,
                    )
                except BadRequest as exc:  # the admin has not opened a chat with the bot yet
                    log.warning("admin commands for chat %s not set: %s", admin_id, exc)
                    break
    except TelegramError as exc:
        log.warning("could not publish the command list: %s", exc)


def _timed(handler):
    """Record how long `handler` takes, from the update to its last reply, for /stats."""

    @functools.wraps(handler)
    async def timed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        started = time.perf_counter()
        try:
            await handler(update, context)
        finally:
            commands: Commands = context.bot_data["commands"]
            commands.service.stats.observe_reply(time.perf_counter() - started)

    return timed


# -- handlers ------------------------------------------------------------------------------
@_timed
async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A registered command (/cmd or /cmd@ThisBot; PTB drops /cmd@OtherBot)."""
    message = update.effective_message
    commands: Commands = context.bot_data["commands"]
    parsed = parse(message.text or "")
    if parsed and parsed.arg and BY_NAME[parsed.command].name in SLOW_COMMANDS:
        with contextlib.suppress(TelegramError):  # "sending a photo…" while the chart renders
            await context.bot.send_chat_action(
                message.chat_id,
                ChatAction.UPLOAD_PHOTO,
                message_thread_id=message.message_thread_id if message.is_topic_message else None,
            )
    replies = await asyncio.to_thread(commands.handle, message.text, _who(update, context))
    await send_replies(context, message, replies)


@_timed
async def on_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A reply: the answer to one of our ForceReply prompts, else (private) a title."""
    message = update.effective_message
    commands: Commands = context.bot_data["commands"]
    prompt = message.reply_to_message
    who = _who(update, context)
    replies = None
    if prompt and prompt.from_user and prompt.from_user.id == context.bot.id:
        replies = await asyncio.to_thread(commands.answer_prompt, prompt.text, message.text, who)
    if replies is None and message.chat.type == ChatType.PRIVATE:
        replies = await asyncio.to_thread(commands.handle, message.text, who)
    if replies:
        await send_replies(context, message, replies)


@_timed
async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Plain text in a private chat: a movie title."""
    message = update.effective_message
    commands: Commands = context.bot_data["commands"]
    replies = await asyncio.to_thread(commands.handle, message.text, _who(update, context))
    await send_replies(context, message, replies)


async def on_mention(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A group message that names the bot ("@MovieBot algo como Titanic"): the rest of the
    message, read like a private one. Other mentions are people talking to each other."""
    message = update.effective_message
    name = context.bot.username or ""
    mention = re.compile(rf"@{re.escape(name)}\b", re.I) if name else None
    if mention is None or not mention.search(message.text or ""):
        return
    text = " ".join(mention.sub(" ", message.text).split())
    commands: Commands = context.bot_data["commands"]
    replies = await asyncio.to_thread(commands.handle, text or "/help", _who(update, context))
    await send_replies(context, message, replies)


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An unknown command addressed to us (in groups, bare /cmd may be another bot's)."""
    message = update.effective_message
    parsed = parse(message.text or "")
    if parsed is None:
        return
    if parsed.addressee and parsed.addressee.lower() != (context.bot.username or "").lower():
        return
    if message.chat.type != ChatType.PRIVATE and not parsed.addressee:
        return
    commands: Commands = context.bot_data["commands"]
    await send_replies(context, message, commands.handle(message.text, _who(update, context)))


async def on_not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A sticker, photo, voice note... in a private chat: say what works instead."""
    message = update.effective_message
    commands: Commands = context.bot_data["commands"]
    await send_replies(context, message, commands.not_text(_who(update, context)))


async def on_new_members(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Added to a group: say hello and how to ask in a group (once, not for other joiners)."""
    message = update.effective_message
    if not any(member.id == context.bot.id for member in message.new_chat_members or ()):
        return
    commands: Commands = context.bot_data["commands"]
    await send_replies(context, message, commands.joined_group(_who(update, context)), quote=False)


@_timed
async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An inline button: candidates, "more like this", old buttons after a /reload."""
    query = update.callback_query
    commands: Commands = context.bot_data["commands"]
    who = _who(update, context)
    if isinstance(query.message, Message):
        await query.answer()
        replies = await asyncio.to_thread(commands.press, query.data, who)
        await send_replies(context, query.message, replies, quote=False)
        if commands.is_choice(query.message.text):  # "which one?" answered: drop its keyboard
            with contextlib.suppress(TelegramError):
                await query.message.edit_reply_markup(reply_markup=None)
        return
    # A card posted through inline mode, maybe in a chat the bot is not in: the answer goes
    # to the user's private chat; without one yet, the button opens it with a deep link
    # (/start more-<id>) that answers the same.
    replies = await asyncio.to_thread(commands.press, query.data, who)
    try:
        await send_replies(context, None, replies, chat_id=query.from_user.id)
    except (Forbidden, BadRequest):  # never started the bot, blocked it, or chat not found
        link = f"https://t.me/{context.bot.username}?start={commands.start_parameter(query.data)}"
        await query.answer(url=link)
        return
    await query.answer(t(who.lang, "inline_sent_private"))


@_timed
async def on_inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Inline mode ("@ThisBot titanic"): matches with year, rating and poster thumbnail."""
    query = update.inline_query
    commands: Commands = context.bot_data["commands"]
    who = _who(update, context)
    offset = inline_offset(query.offset)
    items = await asyncio.to_thread(
        commands.inline, query.query, who, limit=INLINE_PAGE, offset=offset
    )
    results = [_inline_result(item) for item in items]
    button = None
    if not results and not offset and query.query.strip():
        button = InlineQueryResultsButton(t(who.lang, "inline_no_results"), start_parameter="help")
    more = len(items) == INLINE_PAGE and offset + INLINE_PAGE < INLINE_MAX
    await query.answer(
        results,
        cache_time=60,
        is_personal=True,  # cards are in the user's language: not shared between users
        next_offset=str(offset + INLINE_PAGE) if more else "",
        button=button,
    )


def inline_offset(text: str | None) -> int:
    """The page offset we gave as next_offset; anything else ("²" passes isdigit() but not
    int(), or a client's own string) starts from the first page.

    >>> inline_offset("20"), inline_offset("²"), inline_offset("-5"), inline_offset("")
    (20, 0, 0, 0)
    """
    try:
        return max(0, int(text or 0))
    except ValueError:
        return 0


def _inline_result(item: InlineItem) -> InlineQueryResultPhoto | InlineQueryResultArticle:
    """A poster with the card as caption when the film has one, else the card as text."""
    if item.photo_url and item.caption:
        return InlineQueryResultPhoto(
            id=item.id,
            photo_url=item.photo_url,
            thumbnail_url=item.thumbnail_url or item.photo_url,
            title=item.title,
            description=item.description,
            caption=item.caption,
            parse_mode=ParseMode.HTML,
            reply_markup=_keyboard(item.buttons),
        )
    return InlineQueryResultArticle(
        id=item.id,
        title=item.title,
        description=item.description,
        thumbnail_url=item.thumbnail_url,
        url=item.url,
        input_message_content=InputTextMessageContent(item.text, parse_mode=ParseMode.HTML),
        reply_markup=_keyboard(item.buttons),
    )


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The one error handler: log the update id and the error (never the token)."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, Forbidden):  # the user blocked the bot or left the chat
        log.info("update %s: not allowed to answer (%s)", update_id, error)
        return
    if update is None and isinstance(error, Conflict):  # getUpdates: the Watchdog says it
        return
    if update is None and isinstance(error, NetworkError):  # getUpdates: PTB retries
        host = api_host(context.bot.base_url)
        log.warning("polling the Bot API at %s failed (%s); retrying", host, error)
        return
    if isinstance(error, RetryAfter):
        wait = error.retry_after
        seconds = wait.total_seconds() if hasattr(wait, "total_seconds") else float(wait)
        log.warning("update %s: flood control, retry after %g s", update_id, seconds)
        return
    log.error("update %s failed: %s: %s", update_id, type(error).__name__, error)


# -- sending -------------------------------------------------------------------------------
async def send_replies(
    context: ContextTypes.DEFAULT_TYPE,
    message: Message | None,
    replies: Sequence[Reply],
    *,
    quote: bool | None = None,
    chat_id: int | None = None,
) -> None:
    """Send `replies` in order; in groups they quote the triggering message, and in a
    forum topic they stay in that topic (button answers too)."""
    bot = context.bot
    thread_id = None
    if message is not None:
        chat_id = message.chat_id
        if quote is None:
            quote = message.chat.type != ChatType.PRIVATE
        if message.is_topic_message:
            thread_id = message.message_thread_id
    reply_parameters = (
        ReplyParameters(message.message_id, allow_sending_without_reply=True)
        if quote and message is not None
        else None
    )
    where = {"reply_parameters": reply_parameters, "message_thread_id": thread_id}
    for reply in replies:
        markup = _markup(reply)
        if reply.photo_png:
            await bot.send_photo(
                chat_id,
                photo=reply.photo_png,
                caption=truncate(reply.text, CAPTION_LIMIT),
                reply_markup=markup,
                **where,
            )
            continue
        if reply.photo_url and reply.caption:
            try:
                await bot.send_photo(
                    chat_id,
                    photo=reply.photo_url,
                    caption=reply.caption,
                    reply_markup=markup,
                    **where,
                )
                continue
            except BadRequest as exc:  # Telegram could not fetch the poster: text card
                log.info("poster refused (%s); sending the card as text", exc)
        await bot.send_message(chat_id, reply.text, reply_markup=markup, **where)


def _markup(reply: Reply) -> InlineKeyboardMarkup | ForceReply | None:
    if reply.buttons:
        return _keyboard(reply.buttons)
    if reply.force_reply:
        return ForceReply(selective=True, input_field_placeholder=reply.placeholder)
    return None


def _keyboard(rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.text, callback_data=b.data) for b in row] for row in rows]
    )


def _who(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Who:
    user = update.effective_user
    chat = update.effective_chat
    config: Config = context.bot_data["config"]
    return Who(
        user_id=user.id if user else None,
        lang=lang_of(user.language_code if user else None),
        is_admin=config.is_admin(user.id if user else None),
        first_name=user.first_name if user else "",
        bot_username=context.bot.username or "moviebot",
        in_group=chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP),
    )


# -- running -------------------------------------------------------------------------------
def setup_logging(
    token: str | None, level: int | str | None = None, *, secrets: Sequence[str | None] = ()
) -> None:
    """Log to stderr; httpx at WARNING (its request lines carry the token); the token, its
    secret half and `secrets` redacted from every record, traceback and uncaught error.

    The level is `level`, else $MOVIEBOT_LOG_LEVEL, else INFO.
    """
    level = level or os.environ.get("MOVIEBOT_LOG_LEVEL", "INFO").upper()
    redact.install(token=token, secrets=secrets)
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True
    )
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def run(
    config: Config,
    open_service: Callable[[], Service | None],
    *,
    webhook_url: str | None = None,
    webhook_secret: str | None = None,
    listen: str = "0.0.0.0",
    port: int = 8443,
) -> int:
    """Check the token (getMe, retried while the Bot API is unreachable), open the catalogue
    with `open_service`, then run until SIGINT/SIGTERM: long polling, or a webhook when
    `webhook_url` is given. Returns 0, or 1 when the catalogue does not open; raises
    `BotFailure` (one line to print, exit 2) for a refused token or another instance."""
    state = StateFile(state_path(config.db_path))
    state.set("connecting")
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)  # PTB's run_polling / run_webhook run on it too (and close it)
    try:
        connected = loop.run_until_complete(connect(config.token, config.base_url, state=state))
    except BotFailure as exc:
        loop.close()
        state.set("stopped", detail=str(exc))
        raise
    service = open_service() if connected else None
    if service is None:
        loop.close()
        why = "the catalogue does not open" if connected else "stopped before reaching the API"
        state.set("stopped", detail=why)
        return 1 if connected else 0
    watchdog = Watchdog(host=api_host(config.base_url), state=state)
    app = build_application(config, service, watchdog=watchdog)
    try:
        if webhook_url:
            path = urllib.parse.urlparse(webhook_url).path.strip("/")
            secret = webhook_secret or secrets.token_urlsafe(32)
            redact.add_secret(secret)
            state.set("webhook")
            app.run_webhook(
                listen=listen,
                port=port,
                url_path=path,
                webhook_url=webhook_url,
                secret_token=secret,
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            app.run_polling(allowed_updates=Update.ALL_TYPES)
    finally:
        service.close()
        log.info("bot stopped")
    if watchdog.failure:
        raise BotFailure(watchdog.failure)
    state.set("stopped", detail="stopped on request")
    return 0


# -- webhook on someone else's web server (the HTTP API: `moviebot serve --webhook-url`) -----
class WebhookBot:
    """The bot fed by another ASGI app's route (PTB's custom-webhook pattern).

    `start()` initialises the application, publishes the commands and registers the
    webhook with `secret`; the route calls `feed(update_json)` for each update after
    checking the secret; `stop()` ends it. No Updater, no polling, no web server of PTB's.
    """

    def __init__(self, config: Config, service: Service, *, url: str,
                 secret: str | None = None) -> None:
        self.app = build_application(config, service)
        self.url = url
        self.secret = secret or secrets.token_urlsafe(32)

    async def start(self) -> None:
        await self.app.initialize()
        if self.app.post_init:
            await self.app.post_init(self.app)
        await self.app.start()
        await self.app.bot.set_webhook(url=self.url, secret_token=self.secret,
                                       allowed_updates=Update.ALL_TYPES)
        log.info("webhook set: %s", self.url)

    async def feed(self, data: dict) -> None:
        await self.app.update_queue.put(Update.de_json(data, self.app.bot))

    async def stop(self) -> None:
        await self.app.stop()
        await self.app.shutdown()
