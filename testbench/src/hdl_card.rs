//! The rust-hdl engine as a [`CardModel`], so the host driver programs it exactly as it programs
//! a real card: every BAR0 access is one cycle of the engine's CSR bus. The engine has no DMA
//! shell yet, so frames reach it through its streaming ports ([`HdlCard::sim`]); the ring
//! registers read as zero.

use macsec_hdl::engine::sim::EngineSim;
use macsec_hdl::engine::tx_back::STATUS_DROP;
use macsec_model::card::{CardModel, HostMemory};
use macsec_model::FrameBuf;

pub struct HdlCard {
    sim: EngineSim,
}

impl HdlCard {
    pub fn new(sim: EngineSim) -> HdlCard {
        HdlCard { sim }
    }

    /// The engine under simulation (its ports, its cycle count, its trace).
    pub fn sim(&mut self) -> &mut EngineSim {
        &mut self.sim
    }

    fn busy(&self) -> bool {
        self.sim.egress_pending() > 0 || self.sim.ingress_pending() > 0
    }
}

impl CardModel for HdlCard {
    fn read32(&mut self, offset: u32) -> u32 {
        self.sim.read(offset)
    }

    fn write32(&mut self, offset: u32, value: u32) {
        self.sim.write(offset, value)
    }

    /// Clock the engine until its input ports have taken every queued beat.
    fn run(&mut self, _mem: &mut dyn HostMemory) -> bool {
        let busy = self.busy();
        while self.busy() {
            self.sim.tick();
        }
        busy
    }

    fn wire_in(&mut self, frame: &[u8]) {
        self.sim.send_ingress(frame);
    }

    /// The next frame the egress sent that was not marked to be dropped; clocks the engine
    /// while frames are still inside it.
    fn wire_out(&mut self) -> Option<FrameBuf> {
        let mut idle = 0;
        loop {
            while let Some(f) = self.sim.egress_out() {
                if f.status & STATUS_DROP == 0 {
                    let mut b = FrameBuf::with_capacity(f.data.len());
                    b.set(&f.data);
                    return Some(b);
                }
            }
            // The egress pipeline holds a frame for well under 100 cycles once its input is in.
            if self.sim.egress_pending() == 0 {
                idle += 1;
                if idle > 200 {
                    return None;
                }
            }
            self.sim.tick();
        }
    }

    fn irq(&self) -> bool {
        self.sim.uut.irq.val()
    }
}
