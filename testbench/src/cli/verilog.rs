//! `macsec verilog --out DIR`: the generated Verilog of the RTL, one file per design.

use std::path::PathBuf;

use clap::Args;

use crate::error::CliError;

#[derive(Debug, Args)]
pub struct VerilogArgs {
    /// Directory to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

pub fn run(a: &VerilogArgs) -> Result<(), CliError> {
    std::fs::create_dir_all(&a.out)
        .map_err(|e| CliError::Output(format!("{}: {e}", a.out.display())))?;
    let designs = [
        (
            "macsec_engine.v",
            macsec_hdl::verilog::engine_verilog(),
            "top module `macsec_engine`: the whole engine",
        ),
        (
            "gcm_core.v",
            macsec_hdl::verilog::core_verilog(),
            "top module `top`: the AES-GCM core alone",
        ),
    ];
    for (name, text, what) in designs {
        let path = a.out.join(name);
        crate::pcapio::write_atomic(&path, text.as_bytes())?;
        eprintln!("verilog: wrote {} ({what})", path.display());
    }
    Ok(())
}
