//! The simulated cards of the testbench, for tests and tools outside the `macsec` command: the
//! rust-hdl engine with its DMA shell as a card the host driver programs ([`hdl_card`]); and what
//! the exported Verilog becomes on an FPGA ([`synth`]).

pub mod budgets;
pub mod hdl_card;
pub mod synth;
pub mod timing;
