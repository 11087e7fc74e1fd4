"""The CLI in Bahasa Indonesia: click's help screens and usage errors.

Click ships English only and offers no per-program translation hook (its modules bind the
process-wide `gettext.gettext`). Rather than change click or the process's gettext domain,
Warta's commands are click subclasses: the help formatter, option rows and section titles
are written here, and click's usage errors are caught at the top (`Group.main`) and shown in
Indonesian, from the exception's own fields where it has them and otherwise by matching
click's message templates (`CLICK_MESSAGES`). A message click does not know (our own
`BadParameter` texts) is shown as it is.
"""

from __future__ import annotations

import os
import re
import string
from typing import Any

import click
from click.exceptions import NoArgsIsHelpError, NoSuchCommand

#: Set by scripts/warta, so help and errors show the command staff type.
PROG_ENV = "WARTA_PROG"
HELP_OPTION = "Tampilkan bantuan ini lalu keluar."
#: Metavars of options (and path arguments) by click type name: `--port ANGKA`.
METAVARS = {"text": "TEKS", "integer": "ANGKA", "float": "ANGKA", "path": "JALUR",
            "file": "BERKAS", "directory": "FOLDER", "boolean": "YA/TIDAK"}

#: Click 8.5's wording of the usage errors a Warta command can meet, and ours.
CLICK_MESSAGES = {
    "Got unexpected extra argument ({args})": "argumen berlebih: {args}",
    "Got unexpected extra arguments ({args})": "argumen berlebih: {args}",
    "Missing command.": "nama perintah belum ditulis.",
    "Option {name!r} does not take a value.": "opsi {name} tidak memakai nilai.",
    "Option {name!r} requires an argument.": "opsi {name} perlu diberi nilai.",
    "Option {name!r} requires {nargs} arguments.": "opsi {name} perlu {nargs} nilai.",
    "Argument {name!r} takes {nargs} values.": "argumen {name} perlu {nargs} nilai.",
    "{value!r} is not {choice}.": "{value} bukan pilihan yang ada; pilihannya: {choice}.",
    "{value!r} is not one of {choices}.": "{value} bukan pilihan yang ada; pilihannya: {choices}.",
    "{value!r} is not a valid {number_type}.": "{value} bukan {number_type}.",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value} bukan ya/tidak; tulis salah satu dari: {states}.",
    "{name} {filename!r} does not exist.": "{filename} tidak ada.",
    "{name} {filename!r} is a file.": "{filename} adalah berkas, bukan folder.",
    "{name} {filename!r} is a directory.": "{filename} adalah folder, bukan berkas.",
    "{name} {filename!r} is not readable.": "{filename} tidak bisa dibaca.",
    "{name} {filename!r} is not writable.": "{filename} tidak bisa ditulisi.",
}


def _template(english: str) -> re.Pattern:
    pattern = ""
    for literal, field, _spec, _conversion in string.Formatter().parse(english):
        pattern += re.escape(literal) + (f"(?P<{field}>.+?)" if field else "")
    return re.compile(pattern, re.S)


#: Most specific first: `{value!r} is not {choice}.` would also match "… is not one of …".
_TEMPLATES = [(_template(english), ours) for english, ours in sorted(
    CLICK_MESSAGES.items(), key=lambda item: -len(re.sub(r"\{[^}]*\}", "", item[0])))]


#: Words click puts into its messages (`number_type`).
_WORDS = {"integer": "bilangan bulat", "float": "angka"}


def translate(message: str) -> str:
    """One of click's messages in Indonesian; any other message unchanged."""
    for pattern, ours in _TEMPLATES:
        if m := pattern.fullmatch(message):
            return ours.format(**{k: _WORDS.get(v, v) for k, v in m.groupdict().items()})
    return message


def program_name() -> str:
    return os.environ.get(PROG_ENV) or "python -m warta"


def _guess(possibilities: list[str] | None) -> str:
    return f" maksud Anda: {possibilities[0]}?" if possibilities else ""


def _param_hint(error: click.BadParameter) -> str | None:
    hint = error.param_hint
    if hint is None and error.param is not None:
        return error.param.get_error_hint(error.ctx)
    return hint if hint is None or isinstance(hint, str) else " / ".join(map(repr, hint))


def error_message(error: click.ClickException) -> str:
    """What went wrong, in Indonesian, from the exception's fields where it has them."""
    ctx = getattr(error, "ctx", None)
    if isinstance(error, NoSuchCommand):
        known = ", ".join(ctx.command.list_commands(ctx)) if ctx and isinstance(ctx.command, click.Group) else ""
        return (f"perintah '{error.command_name}' tidak dikenal.{_guess(error.possibilities)}"
                + (f" perintah yang ada: {known}." if known else ""))
    if isinstance(error, click.NoSuchOption):
        return f"opsi '{error.option_name}' tidak dikenal.{_guess(error.possibilities)}"
    if isinstance(error, click.MissingParameter):
        kind = "argumen" if isinstance(error.param, click.Argument) else "opsi"
        what = _param_hint(error)
        text = f"{kind} {what} wajib diisi." if what else f"{kind} wajib diisi."
        if error.param is not None and isinstance(error.param.type, click.Choice):
            text += " pilihannya: " + ", ".join(map(str, error.param.type.choices)) + "."
        return text
    if isinstance(error, click.BadParameter):
        hint = _param_hint(error)
        return f"nilai {hint + ' ' if hint else ''}tidak valid: {translate(error.message)}"
    return translate(error.message)


class _Shown(click.ClickException):
    """A click error (or an interruption) shown in Indonesian; click's own `main` prints it
    through `show` and exits with the original exit code."""

    def __init__(self, error: click.ClickException | None):  # None: interrupted (Ctrl+C, Ctrl+D)
        super().__init__(error_message(error) if error is not None else "dibatalkan.")
        self.error = error
        self.exit_code = error.exit_code if error is not None else 1  # type: ignore[misc]

    def show(self, file: Any = None) -> None:
        ctx = getattr(self.error, "ctx", None)
        if self.error is None:
            click.echo("\nDibatalkan.", err=True)
        elif isinstance(self.error, NoArgsIsHelpError):
            click.echo(ctx.get_help(), err=True)
        else:
            if isinstance(self.error, click.UsageError) and ctx is not None:
                click.echo(f"{ctx.get_usage()}\nCoba '{ctx.command_path} --help' untuk bantuan.\n",
                           err=True)
            click.echo(f"Kesalahan: {self.message}", err=True)


class Formatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Penggunaan: " if prefix is None else prefix)


class Context(click.Context):
    formatter_class = Formatter


def _option_row(option: click.Option, ctx: click.Context) -> tuple[str, str]:
    spec = option.get_help_record(ctx)[0]  # the option's names and metavar only
    extra = option.get_help_extra(ctx)
    notes = []
    if "envvars" in extra:
        notes.append("variabel lingkungan: " + ", ".join(extra["envvars"]))
    if "default" in extra:
        notes.append(f"bawaan: {extra['default']}")
    if "range" in extra:
        notes.append(extra["range"])
    if "required" in extra:
        notes.append("wajib")
    text = option.help or ""
    if notes:
        text = f"{text}  [{'; '.join(notes)}]" if text else f"[{'; '.join(notes)}]"
    return spec, text


class _Indonesian:
    """Help screens of a command in Indonesian: usage line, sections, option rows, metavars."""

    context_class = Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[OPSI]")
        super().__init__(*args, **kwargs)
        for param in self.params:
            name = METAVARS.get(param.type.name)
            if param.metavar is not None or name is None:
                continue
            if isinstance(param, click.Option) and param.nargs == 1 and not param.is_flag:
                param.metavar = name
            elif isinstance(param, click.Argument) and isinstance(param.type, click.Path):
                name = name if param.required else f"[{name}]"
                param.metavar = name + ("…" if param.nargs != 1 else "")

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION
        return option

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        args = [p for p in self.get_params(ctx) if isinstance(p, click.Argument)]
        if any(arg.help is not None for arg in args):
            with formatter.section("Argumen"):
                formatter.write_dl([arg.get_help_record(ctx) for arg in args])

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [_option_row(p, ctx) for p in self.get_params(ctx)
                if isinstance(p, click.Option) and not p.hidden]
        if rows:
            with formatter.section("Opsi"):
                formatter.write_dl(rows)


class Command(_Indonesian, click.Command):
    pass


class Group(_Indonesian, click.Group):
    """The `warta` group: Indonesian help for it and every command added to it, Indonesian
    usage errors, and the program name staff typed (`scripts/warta` or `python -m warta`)."""

    command_class = Command
    group_class = type  # sub-groups are of this class too

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", "PERINTAH [ARG]…")
        super().__init__(*args, **kwargs)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=200)))  # first sentence, wrapped
        if rows:
            with formatter.section("Perintah"):
                formatter.write_dl(rows)

    def main(self, args: Any = None, prog_name: str | None = None, **extra: Any) -> Any:
        return super().main(args, prog_name or program_name(), **extra)

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as error:
            raise _Shown(error) from error

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except _Shown:
            raise
        except click.ClickException as error:
            raise _Shown(error) from error
        except (click.Abort, EOFError, KeyboardInterrupt) as stop:
            raise _Shown(None) from stop
