//! `macsec verilog --out DIR`: the generated Verilog of the RTL, one file per design.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use crate::error::CliError;
use crate::files::{commit, Files, Secrecy};

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
            "macsec_engine_axi.v",
            macsec_hdl::verilog::engine_axi_verilog(),
            "top module `macsec_engine_axi`: AXI4-Lite and AXI4-Stream around macsec_engine (needs macsec_engine.v)",
        ),
        (
            "gcm_core.v",
            macsec_hdl::verilog::core_verilog(),
            "top module `top`: the AES-GCM core alone",
        ),
    ];
    // Every file, or none.
    let mut files = Files::new();
    let mut outputs = Vec::new();
    let mut wrote = Vec::new();
    for (name, text, what) in designs {
        let path = a.out.join(name);
        let mut o = files.output(&path, Secrecy::Public)?;
        o.write_all(text.as_bytes()).map_err(|e| o.error(e))?;
        outputs.push(o);
        wrote.push(format!("verilog: wrote {} ({what})", path.display()));
    }
    commit(outputs)?;
    for line in wrote {
        eprintln!("{line}");
    }
    Ok(())
}
