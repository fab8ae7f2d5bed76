//! The memories meant for block RAM become block RAM on a real target: each one synthesized alone
//! by Yosys `synth_xilinx` (UltraScale+), its primitives counted from the netlist. A memory with
//! an asynchronous read would become LUT RAM instead, and this fails.

use macsec_hdl::engine::key_ram::KeyRam;
use macsec_hdl::h_ram::HRam;
use macsec_model::dev::tool_available;
use macsec_testbench::synth::{synth_xilinx, SynthReport};
use rust_hdl::prelude::*;

fn synth<B: Block>(mut uut: B, name: &str) -> Option<SynthReport> {
    if !tool_available("yosys") {
        return None;
    }
    uut.connect_all();
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join(format!("{name}.v"));
    std::fs::write(&v, generate_verilog(&uut)).unwrap();
    Some(synth_xilinx(&v, "top", dir.path()).unwrap())
}

fn in_block_ram(r: &SynthReport, what: &str) {
    eprintln!("{what}: {r:?}");
    assert!(r.bram18 > 0, "{what}: no block RAM: {r:?}");
    assert_eq!(r.lut_ram, 0, "{what}: LUT RAM left: {r:?}");
}

#[test]
fn the_hash_subkeys_are_block_ram() {
    if let Some(r) = synth(HRam::new(), "h_ram") {
        in_block_ram(&r, "H");
        // 128 keys × 128 bits, one read and one write port: at most a RAMB36 per 72 bits.
        assert!(r.bram18 <= 4, "{r:?}");
    }
}

#[test]
fn the_key_table_is_block_ram() {
    if let Some(r) = synth(KeyRam::new(), "key_ram") {
        in_block_ram(&r, "the key table");
    }
}

/// The beat FIFOs (eight in the engine, 147 bits wide, 16 to 32 deep).
#[test]
fn the_beat_fifos_are_block_ram() {
    for depth in [16, 32] {
        let fifo = macsec_hdl::engine::fifo::BeatFifo::new(depth);
        if let Some(r) = synth(fifo, &format!("beat_fifo_{depth}")) {
            in_block_ram(&r, &format!("a beat FIFO of {depth}"));
            // 147 bits: five RAMB18 (36 bits each) at most.
            assert!(r.bram18 <= 5, "{r:?}");
        }
    }
}

/// The receive counter bank: the SC and SA counters in block RAM (two copies of three memories:
/// increment pipelines and CSR reads), the SecY counters registers with an adder each. Before:
/// 380 LUT RAM primitives, 7,976 LUTs, 10 LUT levels.
#[test]
fn the_receive_counters_are_block_ram() {
    if let Some(r) = synth(macsec_hdl::engine::counters::RxCounters::new(), "rxc") {
        in_block_ram(&r, "the receive counters");
        assert!(r.bram18 <= 16, "{r:?}");
        assert!(r.luts <= 5_000 && r.lut_levels <= 8, "{r:?}");
    }
}

/// The SAs' key identifiers (68 × 128 bits, read by the window through a register).
#[test]
fn the_key_identifiers_are_block_ram() {
    if let Some(r) = synth(macsec_hdl::engine::key_id_ram::key_id_ram(), "key_id_ram") {
        in_block_ram(&r, "the key identifiers");
        assert!(r.bram18 <= 4, "{r:?}");
    }
}

/// A memory read combinationally, the shape every table here had before: the control, so the
/// checks above can tell LUT RAM from block RAM.
#[derive(LogicBlock, Default)]
struct AsyncRam {
    clock: Signal<In, Clock>,
    we: Signal<In, Bit>,
    waddr: Signal<In, Bits<6>>,
    wdata: Signal<In, Bits<32>>,
    raddr: Signal<In, Bits<6>>,
    rdata: Signal<Out, Bits<32>>,
}

impl Logic for AsyncRam {
    fn update(&mut self) {}

    fn connect(&mut self) {
        self.rdata.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(
            "reg [31:0] mem [0:63];
always @(posedge clock) if (we) mem[waddr] <= wdata;
always @(*) rdata = mem[raddr];
"
            .into(),
        )
    }
}

#[test]
fn an_asynchronous_read_becomes_lut_ram() {
    if let Some(r) = synth(AsyncRam::default(), "async_ram") {
        assert!(r.lut_ram > 0 && r.bram18 == 0, "{r:?}");
    }
}

/// The transmit counter bank: 20 counters of 64 bits, each with its own adder and enable (its
/// Verilog once wrote them through variable part-selects: 10,064 LUTs), and the registered SA
/// clear (4 bits).
#[test]
fn the_transmit_counters_are_small() {
    if let Some(r) = synth(macsec_hdl::engine::counters::TxCounters::default(), "txc") {
        eprintln!("transmit counters: {r:?}");
        assert_eq!(r.flip_flops, 20 * 64 + 4, "{r:?}");
        assert!(r.luts <= 1_500, "{r:?}");
    }
}

/// The receive SA table: {nextPN, lowestPN} in a true dual-port memory (the end of a frame and
/// the window), the key identifiers, SSCIs and salts in two copies (the window, a frame's IV).
/// Before, with every port read combinationally: 84,115 LUTs, 12,928 flip-flops, 41 LUT RAM.
#[test]
fn the_receive_sa_table_is_block_ram() {
    if let Some(r) = synth(macsec_hdl::engine::rx_sa::RxSaTable::new(), "rx_sa") {
        in_block_ram(&r, "the receive SA table");
        assert!(r.bram18 <= 16, "{r:?}");
        // 20,028 LUTs at f19a180: the update merged with a same-cycle commit after its maxima
        // (two more 64-bit maxima, 10 LUT levels instead of 13) took 186 more than 19,842.
        assert!(r.luts <= 20_500 && r.flip_flops <= 6_000, "{r:?}");
    }
}

/// The receive SC table: a CAM of 16 SCIs (registers: every slot is compared at once), its
/// counts and the lowest valid slot's SCI as adder and one-hot trees rather than chains.
#[test]
fn the_receive_sc_table_is_shallow() {
    if let Some(r) = synth(macsec_hdl::engine::rx_sc::RxScTable::default(), "rx_sc") {
        eprintln!("the receive SC table: {r:?}");
        assert_eq!((r.lut_ram, r.bram18), (0, 0), "{r:?}");
        // Before: 4,084 LUTs, 16 levels (the loops' chains).
        assert!(r.luts <= 4_000 && r.lut_levels <= 6, "{r:?}");
    }
}
