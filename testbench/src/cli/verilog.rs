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
    let path = a.out.join("gcm_core.v");
    crate::pcapio::write_atomic(&path, macsec_hdl::verilog::core_verilog().as_bytes())?;
    eprintln!(
        "verilog: wrote {} (top module `top`: the AES-GCM core)",
        path.display()
    );
    Ok(())
}
