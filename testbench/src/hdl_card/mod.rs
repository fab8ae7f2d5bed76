//! The rust-hdl engine as a simulated card ([`CardModel`]), so the host driver programs it
//! exactly as it programs a real one. Every BAR0 access to the engine's blocks is one cycle of its
//! CSR bus; the ring registers belong to the DMA shell ([`shell`]), which is clocked with the
//! engine and moves frames between host memory and the engine's ports.
//!
//! Two ways to use it: [`HdlCard::new`] is the whole card (rings, DMA, interrupts: what the lab
//! and the driver's conformance suite run); [`HdlCard::ports`] leaves the shell idle and lets a
//! testbench drive the engine's streaming ports itself (the lockstep scoreboard).

pub mod engines;
pub mod shell;

use macsec_hdl::engine::sim::EngineSim;
use macsec_hdl::engine::tx_back::STATUS_DROP;
use macsec_model::card::{CardModel, HostMemory};
use macsec_model::regmap::rings::{rx, tx, DropReason};
use macsec_model::regmap::{card as c, header};
use macsec_model::FrameBuf;

pub use shell::{DmaShell, ShellParams};

/// Cycles without any frame or descriptor moving after which a run gives up (an engine that
/// stopped; the driver then times out instead of the simulation hanging).
const STALL_CYCLES: u64 = 200_000;

/// The most cycles [`HdlCard::run`] clocks a reset's key wipe (it takes about 130).
const WIPE_CYCLES: u32 = 10_000;

pub struct HdlCard {
    sim: EngineSim,
    shell: DmaShell,
    /// The shell moves frames (false: the testbench drives the ports).
    dma: bool,
    /// The engine's message count at the last [`CardModel::take_message`].
    messages_taken: u64,
    /// A reset was written and the engine may still be wiping its keys (CONTROL.RESET reads
    /// set for about 130 cycles): [`CardModel::run`] clocks it through, as a real card's
    /// free-running clock would, instead of leaving it to advance one cycle per host read
    /// (over a slow bus, a host's backed-off polls then outlast its timeout).
    wiping: bool,
}

impl std::fmt::Debug for HdlCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HdlCard")
            .field("cycle", &self.sim.cycles)
            .field("dma", &self.dma)
            .field("shell", &self.shell)
            .finish()
    }
}

/// Which ring a BAR0 offset addresses, and the offset within the ring block; None for the
/// block headers (the engine answers those with the rest of the chain).
fn ring_reg(offset: u32) -> Option<(bool, u32)> {
    let first = header::NEXT.offset() + 4;
    [(true, tx::BASE), (false, rx::BASE)]
        .into_iter()
        .find(|(_, base)| (base + first..base + 0x100).contains(&offset))
        .map(|(is_tx, base)| (is_tx, offset - base))
}

impl HdlCard {
    /// The engine's reset pin, held for two cycles, and the DMA shell reset with it (a
    /// function reset of the card): everything returns to its reset value, whatever the
    /// registers held.
    pub fn pin_reset(&mut self) {
        self.shell.reset();
        self.sim.pin_reset(2);
        self.drop_shell_frames();
        self.wiping = true;
    }

    /// Clock the engine until its reset's key wipe is over (CONTROL.RESET reads clear), reading
    /// CONTROL each cycle as a polling host would; bounded, so a stuck engine stays stuck for
    /// the driver to see.
    fn finish_wipe(&mut self) {
        if !std::mem::take(&mut self.wiping) || !self.dma {
            return;
        }
        for _ in 0..WIPE_CYCLES {
            let v = self.with_irqs(|sim| sim.read(c::CONTROL.offset));
            if c::CONTROL_RESET.get(v) == 0 {
                return;
            }
        }
    }

    /// With the DMA shell reset, frames the engine had handed out have nowhere to go.
    fn drop_shell_frames(&mut self) {
        if self.dma {
            while self.sim.egress_out().is_some() {}
            while self.sim.ingress_out().is_some() {}
        }
    }

    /// The whole card: the engine and its DMA shell.
    pub fn new(sim: EngineSim, params: ShellParams) -> HdlCard {
        HdlCard {
            sim,
            shell: DmaShell::new(params),
            dma: true,
            messages_taken: 0,
            wiping: false,
        }
    }

    /// The engine alone: frames reach it through its streaming ports ([`HdlCard::sim`]).
    pub fn ports(sim: EngineSim) -> HdlCard {
        HdlCard {
            dma: false,
            messages_taken: 0,
            ..HdlCard::new(sim, ShellParams::default())
        }
    }

    /// The engine under simulation (its ports, its cycle count, its trace).
    pub fn sim(&mut self) -> &mut EngineSim {
        &mut self.sim
    }

    pub fn cycles(&self) -> u64 {
        self.sim.cycles
    }

    /// One cycle of the card: the shell's work before the edge, the edge, what left the ports.
    fn clock(&mut self, mem: &mut dyn HostMemory) {
        self.shell.before(&mut self.sim, mem);
        self.with_irqs(EngineSim::tick);
        self.shell.after(&mut self.sim, mem);
    }

    /// Run one engine operation of one cycle (a tick, a CSR access) with the shell's pending
    /// interrupt causes on the engine's irq_set input for that cycle.
    fn with_irqs<R>(&mut self, op: impl FnOnce(&mut EngineSim) -> R) -> R {
        self.sim.set_irq_causes(std::mem::take(&mut self.shell.irq));
        let r = op(&mut self.sim);
        self.sim.set_irq_causes(0);
        r
    }

    fn ports_busy(&self) -> bool {
        self.sim.egress_pending() > 0 || self.sim.ingress_pending() > 0
    }
}

impl CardModel for HdlCard {
    fn read32(&mut self, offset: u32) -> u32 {
        match ring_reg(offset) {
            Some((true, off)) => self.shell.tx.read(off),
            Some((false, off)) => self.shell.rx.read(off),
            None => self.with_irqs(|sim| sim.read(offset)),
        }
    }

    fn write32(&mut self, offset: u32, value: u32) {
        if let Some((is_tx, off)) = ring_reg(offset) {
            let ring = if is_tx {
                &mut self.shell.tx
            } else {
                &mut self.shell.rx
            };
            // A ring that starts (enabled, or its errors cleared) fetches from its consumer
            // pointer again.
            let before = ring.errors();
            let started = ring.write(off, value);
            if ring.errors() & !before != 0 {
                self.shell.irq |= c::IRQ_RING_ERROR.bit();
            }
            if started {
                self.shell.ring_enabled(is_tx);
            }
            return;
        }
        let reset = offset == c::CONTROL.offset && c::CONTROL_RESET.get(value) != 0;
        if offset == c::CONTROL.offset {
            if reset {
                self.shell.reset();
            } else {
                self.shell.enabled = c::CONTROL_ENABLE.get(value) != 0;
            }
        }
        self.with_irqs(|sim| sim.write(offset, value));
        if reset {
            // The engine's datapaths reset at the edge of this write: what was queued on its
            // ports goes, and with the DMA shell reset too, so do frames that left at that edge.
            self.sim.flush_ports();
            self.drop_shell_frames();
            self.wiping = true;
        }
    }

    /// Clock the card until it has nothing left to do without the host: every posted TX frame
    /// completed (or no completion slot left), every frame from the wire delivered or dropped,
    /// every completion written and interrupt raised.
    fn run(&mut self, mem: &mut dyn HostMemory) -> bool {
        self.finish_wipe();
        if !self.dma {
            let busy = self.ports_busy();
            while self.ports_busy() {
                self.sim.tick();
            }
            return busy;
        }
        let mut worked = false;
        let mut last = (self.sim.cycles, self.shell.moved);
        while self.shell.busy(&self.sim) {
            worked = true;
            self.clock(mem);
            if self.shell.moved != last.1 {
                last = (self.sim.cycles, self.shell.moved);
            } else if self.sim.cycles - last.0 > STALL_CYCLES {
                break;
            }
        }
        // Completions go back to the host, then the interrupt says they are there.
        self.shell.flush(mem);
        if self.shell.irq != 0 {
            self.with_irqs(EngineSim::tick);
        }
        worked
    }

    fn wire_in(&mut self, frame: &[u8]) {
        if !self.dma {
            self.sim.send_ingress(frame);
        } else if self.shell.enabled {
            self.sim.send_ingress(frame);
            self.shell.in_ingress += 1;
        } else {
            self.shell.rx.count_drop(DropReason::Disabled);
            self.shell.irq |= c::IRQ_RX_DROP.bit();
        }
    }

    fn wire_out(&mut self) -> Option<FrameBuf> {
        if self.dma {
            return self.shell.wire_out.pop_front();
        }
        // The next frame the egress sent that was not marked to be dropped; the engine is
        // clocked while frames are still inside it.
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
        self.sim.irq()
    }

    fn take_message(&mut self) -> bool {
        let sent = self.sim.messages > self.messages_taken;
        self.messages_taken = self.sim.messages;
        sent
    }
}
