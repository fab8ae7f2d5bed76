//! Waveforms of the rust-hdl engine leave key material out unless asked
//! (`common/vcd_keys.rs` holds the checks, shared with the Verilator engine's tests).

use macsec_hdl::engine::sim::EngineSim;

mod common;
#[path = "common/vcd_keys.rs"]
mod vcd_keys;

#[test]
fn redacted_waveforms_hold_no_sak_or_h() {
    vcd_keys::check_redacted(EngineSim::new());
}

#[test]
fn waveforms_with_keys_hold_them() {
    vcd_keys::check_included(EngineSim::new());
}
