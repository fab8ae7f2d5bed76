//! The engine's register: ports `clock`, `d`, `q` like rust-hdl's `DFF`, but built with
//! `derive(SettleBlock)`, so it reads its clock and `d` before it acts and samples in the very
//! pass the clock rises, as the engine's other leaves do, instead of one pass later. Every path
//! that starts at a register then settles a pass sooner. Files that use registers import this
//! `Reg`, named apart from the prelude's `DFF` so that neither shadows the other (`dff_setup!`
//! works with either).

use macsec_hdl_derive::SettleBlock;
use rust_hdl::prelude::*;

#[derive(Clone, Debug, SettleBlock)]
pub struct Reg<T: Synth> {
    _settle: SettleState,
    pub d: Signal<In, T>,
    pub q: Signal<Out, T>,
    pub clock: Signal<In, Clock>,
}

impl<T: Synth> Default for Reg<T> {
    fn default() -> Reg<T> {
        Reg {
            _settle: Default::default(),
            d: Default::default(),
            q: Default::default(),
            clock: Default::default(),
        }
    }
}

impl<T: Synth> Logic for Reg<T> {
    fn update(&mut self) {
        if self.clock.pos_edge() {
            self.q.next = self.d.val();
        }
    }

    fn connect(&mut self) {
        self.q.connect();
    }

    /// Starts at the type's default, as the simulation does (the Verilog replay relies on it).
    fn hdl(&self) -> Verilog {
        // rust-hdl writes an enum's value as 64 bits; the register has the type's width.
        let init = format!("{:x}", T::default().verilog());
        let hex = init.split_once("'h").map_or("0", |(_, h)| h);
        Verilog::Custom(format!(
            "initial q = {}'h{hex};\nalways @(posedge clock) q <= d;\n",
            T::BITS
        ))
    }
}

/// The change tracking of a `derive(SettleBlock)` block that has a `_settle` field: whether its
/// logic must run in the next pass (something it reads changed in this one), whether the block
/// changed at all in this pass, and whether its outputs did. A new block runs its logic in its
/// first pass.
#[derive(Clone, Copy, Debug)]
pub struct SettleState {
    pub dirty: bool,
    pub changed: bool,
    /// An output changed in this pass (what makes the parent's logic run again).
    pub out: bool,
    /// A child has work left for the next pass.
    pub visit: bool,
}

impl Default for SettleState {
    fn default() -> Self {
        SettleState {
            dirty: true,
            changed: true,
            out: true,
            visit: true,
        }
    }
}
