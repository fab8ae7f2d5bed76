//! `Param<T>`: a constant of a block, taken from the register map or `engine::params` when the
//! block is built, so the RTL's numbers are the map's. It is rust-hdl's `Constant` (Verilog: a
//! `localparam` named after the field, read in `#[hdl_gen]` code as `self.name.val()`) with a
//! `Default`, so the blocks that hold one can still derive theirs; `derive(SettleBlock)` treats it
//! as neither a signal nor a child.

use rust_hdl::core::block::Block;
use rust_hdl::core::probe::Probe;
use rust_hdl::prelude::{Bits, Constant, Logic, Synth};

#[derive(Clone, Copy, Debug)]
pub struct Param<T: Synth>(Constant<T>);

impl<T: Synth> Param<T> {
    pub fn new(val: T) -> Self {
        Param(Constant::new(val))
    }

    pub fn val(&self) -> T {
        self.0.val()
    }
}

impl<const N: usize> Param<Bits<N>> {
    /// A number of the map as an `N`-bit constant. A number that does not fit is a build-time
    /// mistake (a size grown past its field's width), so it stops the build of the engine.
    pub fn of(v: u64) -> Self {
        assert!(N >= 64 || v >> N == 0, "{v} does not fit in {N} bits");
        Param::new(v.into())
    }
}

impl<T: Synth + Default> Default for Param<T> {
    fn default() -> Self {
        Param::new(T::default())
    }
}

impl<T: Synth> Logic for Param<T> {
    fn update(&mut self) {}

    fn connect(&mut self) {}
}

impl<T: Synth> Block for Param<T> {
    fn connect_all(&mut self) {}

    fn update_all(&mut self) {}

    fn has_changed(&self) -> bool {
        false
    }

    fn accept(&self, name: &str, probe: &mut dyn Probe) {
        self.0.accept(name, probe)
    }
}
