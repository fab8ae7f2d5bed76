use macsec_hdl::gcm_core::GcmCore;
use rust_hdl::prelude::*;
fn main() {
    let mut uut = GcmCore::new();
    uut.connect_all();
    let v = generate_verilog(&uut);
    std::fs::write("/tmp/core.v", &v).unwrap();
    match yosys_validate("macsec_core_check", &v) {
        Ok(()) => println!("yosys ok"),
        Err(e) => println!("yosys: {e:?}"),
    }
}
