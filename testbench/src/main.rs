//! `macsec`: the command line of the MACsec golden model and testbench.

mod cli;
mod error;
mod files;
mod lab;
mod pcapio;
mod scoreboard;

use macsec_testbench::hdl_card;

use clap::Parser;

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
            // One line naming the problem, not clap's usage block; never echo a key.
            let mut text = e.render().to_string();
            use clap::error::{ContextKind, ContextValue};
            if let (Some(ContextValue::String(arg)), Some(ContextValue::String(v))) = (
                e.get(ContextKind::InvalidArg),
                e.get(ContextKind::InvalidValue),
            ) {
                if arg.starts_with("--key") && !v.is_empty() {
                    text = text.replace(v.as_str(), "<redacted>");
                }
            }
            let first = text.lines().next().unwrap_or("error: bad arguments");
            eprintln!("macsec: {}", first.trim_start_matches("error: "));
            std::process::exit(2);
        }
    };
    if let Err(e) = cli::run(cli) {
        eprintln!("macsec: {e}");
        std::process::exit(e.exit_code());
    }
}
