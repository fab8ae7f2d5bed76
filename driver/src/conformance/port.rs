//! What the suite needs of a card besides its driver — its wire, its faults, a way to let it
//! finish its work — and where rigs come from. [`SimPort`] is the in-process simulation
//! (`SimDevice`); a card served over vfio-user offers the same through its test BAR
//! (`macsec_testbench`'s `DebugPort`), so every check runs unchanged through real VFIO.

use std::any::Any;

use macsec_model::card::{CardModel, Fault, FaultyCard};

use super::ctx;
use super::pair::Rig;
use crate::card::Card;
use crate::sim::{Access, SimDevice};

/// The harness's hands on a card.
pub trait TestPort: Send {
    /// A frame arrives at the card from the wire.
    fn wire_in(&mut self, frame: &[u8]) -> Result<(), String>;
    /// Frames arrive back to back, as on a busy link: a simulated card takes them all before
    /// it runs, so its ingress streams them at its rate instead of draining after each one.
    fn wire_in_burst(&mut self, frames: &[Vec<u8>]) -> Result<(), String> {
        frames.iter().try_for_each(|f| self.wire_in(f))
    }
    /// Hand every frame the card has sent on the wire (since the last call) to `f`, in order,
    /// once the card has finished what it was doing.
    fn drain_wire(&mut self, f: &mut dyn FnMut(&[u8])) -> Result<(), String>;
    /// Switch `fault` on; `None` switches every fault off.
    fn fault(&mut self, fault: Option<Fault>) -> Result<(), String>;
    /// Let the card finish what it can do without the host: a simulation runs, a served card is
    /// waited on until it is idle.
    fn settle(&mut self) -> Result<(), String>;
    /// Lose the next `n` MSI-X messages on the way (a served card only).
    fn lose_messages(&mut self, _n: u32) -> Result<(), String> {
        Err("this card cannot lose its messages on purpose".into())
    }
    /// Start recording register accesses; false where the backend cannot.
    fn start_trace(&mut self) -> bool {
        false
    }
    fn take_trace(&mut self) -> Vec<Access> {
        Vec::new()
    }
    /// The concrete port (the lab reaches its simulated cards' extras through it).
    fn as_any(&self) -> &dyn Any;
}

/// Where a check's rigs come from.
pub trait Bench {
    /// Card `which` (0: A, 1: B), opened, reset and probed by the driver.
    fn rig(&self, which: usize) -> Result<Rig, String>;
}

/// An in-process simulated card (any [`CardModel`], inside a [`FaultyCard`]).
pub struct SimPort<C: CardModel> {
    pub dev: SimDevice<FaultyCard<C>>,
}

impl<C: CardModel + 'static> TestPort for SimPort<C> {
    fn wire_in(&mut self, frame: &[u8]) -> Result<(), String> {
        self.dev.with_card(|c| c.wire_in(frame));
        self.dev.run();
        Ok(())
    }
    fn wire_in_burst(&mut self, frames: &[Vec<u8>]) -> Result<(), String> {
        self.dev
            .with_card(|c| frames.iter().for_each(|f| c.wire_in(f)));
        self.dev.run();
        Ok(())
    }
    fn drain_wire(&mut self, f: &mut dyn FnMut(&[u8])) -> Result<(), String> {
        self.dev.run();
        self.dev.with_card(|c| c.drain_wire(f));
        Ok(())
    }
    fn fault(&mut self, fault: Option<Fault>) -> Result<(), String> {
        self.dev.with_card(|c| match fault {
            Some(f) => c.faults.push(f),
            None => c.faults.clear(),
        });
        Ok(())
    }
    fn settle(&mut self) -> Result<(), String> {
        self.dev.run();
        Ok(())
    }
    fn start_trace(&mut self) -> bool {
        self.dev.start_trace();
        true
    }
    fn take_trace(&mut self) -> Vec<Access> {
        self.dev.take_trace()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Fresh simulated cards from a factory.
pub struct SimBench<F>(pub F);

impl<F> std::fmt::Debug for SimBench<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SimBench")
    }
}

impl<C: CardModel> std::fmt::Debug for SimPort<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SimPort")
    }
}

impl<C: CardModel + 'static, F: Fn() -> C> Bench for SimBench<F> {
    fn rig(&self, _which: usize) -> Result<Rig, String> {
        let dev = SimDevice::new(FaultyCard::new((self.0)()));
        let card = ctx(Card::probe(Box::new(dev.clone())), "probe")?;
        Ok(Rig {
            port: Box::new(SimPort { dev }),
            card,
        })
    }
}

impl Rig {
    /// The simulated card behind this rig, when it is one of `C`.
    pub fn sim<C: CardModel + 'static, R>(&self, f: impl FnOnce(&mut C) -> R) -> Option<R> {
        let p = self.port.as_any().downcast_ref::<SimPort<C>>()?;
        Some(p.dev.with_card(|c| f(&mut c.inner)))
    }
}
