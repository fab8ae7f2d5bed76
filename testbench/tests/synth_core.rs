//! The AES-GCM core as exported (`macsec_hdl::verilog::core_verilog`, what `macsec bench --synth
//! core` synthesizes) through Yosys `synth_xilinx -family xcup` (UltraScale+), with budgets: its
//! round keys, H and S-boxes in block RAM, and `macsec_testbench::budgets::core` — no more LUTs
//! and flip-flops than it has now plus a margin, and a logic depth that fits the clock target.
//! About five minutes of Yosys on this kind of machine; CI runs it (`MACSEC_REQUIRE_TOOLS=1`),
//! and it skips without Yosys.

use macsec_model::dev::tool_available;
use macsec_testbench::budgets;
use macsec_testbench::synth::synth_xilinx;

#[test]
fn the_gcm_core_meets_its_synthesis_budgets() {
    if !tool_available("yosys") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("gcm_core.v");
    std::fs::write(&v, macsec_hdl::verilog::core_verilog()).unwrap();
    let r = synth_xilinx(&v, "top", dir.path()).unwrap();
    eprintln!("GCM core: {r:?}");
    // Fifteen round-key memories (one per pipeline stage) and H, each 128 bits wide and 128
    // keys deep: four RAMB18 apiece (a RAMB18 port is 36 bits wide); and fourteen rounds of
    // sixteen T-box lookups, two to a RAMB18 (one per port). Fewer means a memory left block
    // RAM; more, that a memory was duplicated.
    assert_eq!(r.bram18, 16 * 4 + 14 * 8, "{r:?}");
    // LUTs, flip-flops, LUT RAM, DSP and depth (the clock target's levels): `budgets::core`.
    for (what, value, max, ok) in budgets::check(&r, &budgets::core()) {
        assert!(ok, "{what}: {value}, budget {max}: {r:?}");
    }
}
