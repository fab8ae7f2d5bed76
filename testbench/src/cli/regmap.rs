//! `macsec regmap --format md|c|json`: the register map, derived from macsec-model, to stdout.

use clap::{Args, ValueEnum};
use macsec_model::regmap;

use crate::error::CliError;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// Markdown (docs/register-map.md).
    Md,
    /// A C header.
    C,
    /// JSON.
    Json,
}

#[derive(Debug, Args)]
pub struct RegmapArgs {
    #[arg(long, value_enum, default_value = "md")]
    pub format: Format,
}

pub fn run(a: &RegmapArgs) -> Result<(), CliError> {
    let text = match a.format {
        Format::Md => regmap::markdown(),
        Format::C => regmap::c_header(),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&regmap::json())
                .map_err(|e| CliError::Failed(e.to_string()))?;
            s.push('\n');
            s
        }
    };
    print!("{text}");
    Ok(())
}
