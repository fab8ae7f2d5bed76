//! A card reset under the driver (a Function Level Reset, or another agent's CONTROL.RESET)
//! before it did the work the driver posted: the card forgets its rings, its pointers read 0,
//! and nothing will ever complete. The driver must say so, not wait for ever. A served card
//! showed this on a slow machine (the FLR came before the card had started the frames); here
//! a card held still until the reset makes the order certain.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use macsec_driver::sim::SimDevice;
use macsec_driver::{Card, DriverError};
use macsec_model::card::{BehavioralCard, CardCaps, CardModel, HostMemory};
use macsec_model::regmap::card as c;
use macsec_model::{Backend, Config, FrameBuf};

/// A behavioral card that does no work while `hold` is set.
struct Held {
    card: BehavioralCard,
    hold: Arc<AtomicBool>,
}

impl CardModel for Held {
    fn read32(&mut self, offset: u32) -> u32 {
        self.card.read32(offset)
    }
    fn write32(&mut self, offset: u32, value: u32) {
        self.card.write32(offset, value)
    }
    fn run(&mut self, mem: &mut dyn HostMemory) -> bool {
        !self.hold.load(Ordering::Relaxed) && self.card.run(mem)
    }
    fn wire_in(&mut self, frame: &[u8]) {
        self.card.wire_in(frame)
    }
    fn wire_out(&mut self) -> Option<FrameBuf> {
        self.card.wire_out()
    }
    fn irq(&self) -> bool {
        self.card.irq()
    }
    fn take_message(&mut self) -> bool {
        self.card.take_message()
    }
}

#[test]
fn a_reset_under_the_driver_is_a_ring_error_not_a_wait_for_ever() {
    let cfg = Config::from_toml(
        "cipher = \"gcm-aes-128\"\nsci = \"0012345678900001\"\n\
         [[tx_sa]]\nan = 0\nkey = \"42424242424242424242424242424242\"\n",
    )
    .unwrap();
    let hold = Arc::new(AtomicBool::new(false));
    let dev = SimDevice::new(Held {
        card: BehavioralCard::new(CardCaps::default(), Backend::Ring),
        hold: hold.clone(),
    });
    let mut host = Card::probe(Box::new(dev.clone())).unwrap();
    host.apply(&cfg).unwrap();
    host.setup_rings(6, 2048).unwrap();

    hold.store(true, Ordering::Relaxed);
    let frame = [0x44u8; 300];
    host.post_tx(&[&frame[..], &frame[..], &frame[..]]).unwrap();
    // Someone else resets the card; the reset itself needs no run.
    dev.with_card(|k| k.write32(c::CONTROL.offset, c::CONTROL_RESET.bit()));
    hold.store(false, Ordering::Relaxed);

    let mut cpl = Vec::new();
    match host.reap_tx(&mut cpl) {
        Err(DriverError::Ring { reason, .. }) => {
            assert!(reason.contains("reset"), "{reason}")
        }
        other => panic!(
            "a reap after the reset gave {other:?}, {} owed",
            host.tx_outstanding()
        ),
    }
    assert!(cpl.is_empty());
    // The driver's own reset and programming bring the card back.
    host.reset().unwrap();
    host.apply(&cfg).unwrap();
    host.setup_rings(6, 2048).unwrap();
    host.post_tx(&[&frame[..]]).unwrap();
    cpl.clear();
    host.reap_tx(&mut cpl).unwrap();
    assert_eq!(cpl.len(), 1);
    assert!(cpl[0].transmitted);
}
