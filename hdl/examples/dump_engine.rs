//! Write the engine's Verilog to the file named on the command line (a development aid; the CLI's
//! `macsec verilog --out DIR` is the supported way).
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump_engine FILE");
        std::process::exit(2);
    };
    if let Err(e) = std::fs::write(&path, macsec_hdl::verilog::engine_verilog()) {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    }
}
