//! `macsec`: the command line of the MACsec golden model and testbench.

mod cli;
mod error;
mod files;
mod lab;
mod pcapio;
mod scoreboard;

use macsec_testbench::hdl_card;

use clap::Parser;

/// clap's error as one line in which no value the user typed comes back whole: `--key` and
/// `--salt` values not at all, anything else as a short preview. The line is built from the
/// error's parts rather than by editing clap's text (which, for one, strips escape sequences
/// from the values it shows, so the typed value cannot be found in it).
fn quiet_clap(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    use macsec_model::hexstr::preview;
    let get = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue);
    let secret = arg.starts_with("--key") || arg.starts_with("--salt");
    let shown = |v: &str| {
        if secret {
            "<redacted>".to_string()
        } else {
            preview(v)
        }
    };
    match (e.kind(), value) {
        (ErrorKind::ValueValidation, Some(v)) => {
            let why = std::error::Error::source(e)
                .map(|s| format!(": {s}"))
                .unwrap_or_default();
            format!("invalid value {} for '{arg}'{why}", shown(&v))
        }
        (ErrorKind::InvalidValue, Some(v)) => {
            let valid = match e.get(ContextKind::ValidValue) {
                Some(ContextValue::Strings(v)) => format!(" (possible values: {})", v.join(", ")),
                _ => String::new(),
            };
            format!("invalid value {} for '{arg}'{valid}", shown(&v))
        }
        (ErrorKind::UnknownArgument, _) => format!("unexpected argument {}", preview(&arg)),
        (ErrorKind::MissingRequiredArgument, _) => match e.get(ContextKind::InvalidArg) {
            Some(ContextValue::Strings(v)) => format!("missing {}", v.join(", ")),
            _ => "a required argument is missing".into(),
        },
        _ => {
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or("bad arguments");
            let first = first.trim_start_matches("error: ");
            // Whatever clap says otherwise, a key-like run of hex digits is not repeated.
            let mut out = String::new();
            let mut run = String::new();
            for c in first.chars().chain(std::iter::once(' ')) {
                if c.is_ascii_hexdigit() {
                    run.push(c);
                    continue;
                }
                if run.len() >= 24 {
                    out.push_str("<not shown>");
                } else {
                    out.push_str(&run);
                }
                run.clear();
                out.push(c);
            }
            out.trim_end().chars().take(300).collect()
        }
    }
}

fn main() {
    let cli = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion)
                || matches!(
                    e.kind(),
                    ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
                )
            {
                e.exit();
            }
            // One line naming the problem, not clap's usage block. No value comes back whole:
            // keys and salts not at all, anything else as a short preview.
            eprintln!("macsec: {}", quiet_clap(&e));
            std::process::exit(2);
        }
    };
    if let Err(e) = cli::run(cli) {
        eprintln!("macsec: {e}");
        std::process::exit(e.exit_code());
    }
}
