//! A simulated card's waits are counted in polls of the card, not in wall-clock time: a host
//! slowed down (here: a millisecond per register read, as four labs on two cores were) never
//! makes a simulated card time out, while a card that never finishes still does.

use std::time::Duration;

use macsec_driver::regif::{poll, Clock, RegisterIo};
use macsec_driver::sim::SimDevice;
use macsec_driver::DriverError;
use macsec_model::card::{CardModel, HostMemory};
use macsec_model::FrameBuf;

/// A card whose register 0 reads busy (1) for its first `busy` reads, each read taking a
/// millisecond of the host's time.
struct SlowCard {
    busy: u32,
}

impl CardModel for SlowCard {
    fn read32(&mut self, _offset: u32) -> u32 {
        std::thread::sleep(Duration::from_millis(1));
        if self.busy > 0 {
            self.busy -= 1;
            1
        } else {
            0
        }
    }
    fn write32(&mut self, _: u32, _: u32) {}
    fn run(&mut self, _: &mut dyn HostMemory) -> bool {
        false
    }
    fn wire_in(&mut self, _: &[u8]) {}
    fn wire_out(&mut self) -> Option<FrameBuf> {
        None
    }
    fn irq(&self) -> bool {
        false
    }
    fn take_message(&mut self) -> bool {
        false
    }
}

#[test]
fn a_slow_host_does_not_time_out_a_simulated_card() {
    let dev = SimDevice::new(SlowCard { busy: 300 });
    assert_eq!(dev.clock(), Clock::Simulated);
    // 300 busy reads take at least 300 ms of wall-clock time, more than the 200 ms timeout.
    let start = std::time::Instant::now();
    let v = poll(&dev, 0, "slow op", Duration::from_millis(200), |v| v == 0);
    assert_eq!(v.unwrap(), 0);
    assert!(start.elapsed() >= Duration::from_millis(200));
}

#[test]
fn a_simulated_card_that_never_finishes_still_times_out() {
    let dev = SimDevice::new(SlowCard { busy: u32::MAX });
    let e = poll(&dev, 0, "stuck op", Duration::from_millis(5), |v| v == 0);
    match e {
        Err(DriverError::Timeout { after, .. }) => assert!(after.contains("polls"), "{after}"),
        other => panic!("{other:?}"),
    }
}
