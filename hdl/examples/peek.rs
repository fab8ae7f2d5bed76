use macsec_hdl::aes_stage::AesStage;
use rust_hdl::prelude::*;
fn main() {
    let mut uut = AesStage::new();
    uut.connect_all();
    print!("{}", generate_verilog(&uut));
}
