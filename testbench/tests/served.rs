//! Cards served over vfio-user, driven through the driver's `vfio-user:` backend: the card runs
//! on the server's thread while the driver works, register writes are posted, DMA goes through
//! memfds and interrupts through an eventfd — the orderings a real PCI function shows. Each test
//! checks one thing the in-process simulation cannot show.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use macsec_driver::vfio_user::VfioUserCard;
use macsec_driver::{Card, DriverError, RegisterIo};
use macsec_model::card::{BehavioralCard, CardCaps, CardModel};
use macsec_model::regmap::card as c;
use macsec_model::{Backend, Config};
use macsec_vfio_user::{serve, Faults, Function, Listener};

const CONFIG_A: &str = macsec_driver::conformance::CONFIG_A;
const CONFIG_B: &str = macsec_driver::conformance::CONFIG_B;

/// A served function, its socket, and the server thread (one client, then it ends).
struct Served {
    function: Arc<Function>,
    path: PathBuf,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    _dir: tempfile::TempDir,
}

impl Served {
    fn new(card: Box<dyn CardModel>) -> Served {
        Self::serving(card, 1)
    }

    /// Serve `clients` clients, one after the other.
    fn serving(card: Box<dyn CardModel>, clients: usize) -> Served {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("card.sock");
        let function = Arc::new(Function::new(card));
        let stop = Arc::new(AtomicBool::new(false));
        let listener = Listener::bind(&path).unwrap();
        let (f, s) = (function.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            for _ in 0..clients {
                let Ok(Some(stream)) = listener.accept(&s) else {
                    return;
                };
                let _ = serve(stream, &f, &s, &mut |m| eprintln!("server: {m}"));
            }
        });
        Served {
            function,
            path,
            stop,
            thread: Some(thread),
            _dir: dir,
        }
    }

    /// Wait for the server to finish with its client (after the client has closed).
    fn wait_ended(&mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }

    fn open(&self) -> Card {
        Card::probe(Box::new(VfioUserCard::open(&self.path).unwrap())).unwrap()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn behavioral() -> Box<dyn CardModel> {
    Box::new(BehavioralCard::new(CardCaps::default(), Backend::Ring))
}

fn config(text: &str) -> Config {
    Config::from_toml(text).unwrap()
}

/// Post `frames` on A and reap their completions, waiting on A's interrupt; a frame is posted
/// only while `room(posted)` says the receiving side can take it.
fn send_all(a: &mut Card, frames: &[Vec<u8>], room: impl Fn(usize) -> bool) -> usize {
    let mut cpl = Vec::new();
    let mut posted = 0;
    let deadline = Instant::now() + Duration::from_secs(20);
    while (posted < frames.len() || a.tx_outstanding() > 0) && Instant::now() < deadline {
        while posted < frames.len() && a.tx_space() > 0 && room(posted) {
            a.post_tx(&[&frames[posted]]).unwrap();
            posted += 1;
        }
        a.reap_tx(&mut cpl).unwrap();
        if a.tx_outstanding() > 0 {
            a.wait(Duration::from_millis(20)).unwrap();
        } else if posted < frames.len() {
            // Held back by `room`: let the receiving side run.
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    cpl.iter().filter(|c| c.transmitted).count()
}

/// Frames delivered to B's host within `within`.
fn receive(b: &mut Card, want: usize, within: Duration, seen: &AtomicUsize) -> Vec<Vec<u8>> {
    let mut got = Vec::new();
    let deadline = Instant::now() + within;
    while got.len() < want && Instant::now() < deadline {
        b.reap_rx(|_, f| got.push(f.to_vec())).unwrap();
        seen.store(got.len(), Ordering::Release);
        if got.len() < want {
            b.wait(Duration::from_millis(20)).unwrap();
        }
    }
    got
}

#[test]
fn two_served_cards_carry_every_frame_and_the_ring_race_never_fires() {
    let (sa, sb) = (Served::new(behavioral()), Served::new(behavioral()));
    Function::connect(&sa.function, &sb.function);
    let (mut a, mut b) = (sa.open(), sb.open());
    a.apply(&config(CONFIG_A)).unwrap();
    b.apply(&config(CONFIG_B)).unwrap();
    a.setup_rings(5, 2048).unwrap();
    b.setup_rings(8, 2048).unwrap();
    // Many small batches: each doorbell is a posted write the card answers on its own thread,
    // so the driver's scan and the card's completion writes cross again and again. B's host
    // keeps up on a thread of its own, as a receiving host does.
    // A sends no more than half B's ring ahead of what B's host has taken, so a host thread
    // starved by a loaded machine slows A down instead of making B's card drop frames (which
    // it would count, correctly, as a host that does not keep up).
    let frames = macsec_driver::conformance::frames(7, 2000);
    let n = frames.len();
    let seen = Arc::new(AtomicUsize::new(0));
    let rx = {
        let seen = seen.clone();
        std::thread::spawn(move || {
            let got = receive(&mut b, n, Duration::from_secs(30), &seen);
            (got, b.rx_drops().unwrap())
        })
    };
    let room = |posted: usize| posted < seen.load(Ordering::Acquire) + 128;
    assert_eq!(send_all(&mut a, &frames, room), frames.len());
    let (got, drops) = rx.join().unwrap();
    assert_eq!(drops, 0, "B's ring dropped frames");
    assert_eq!(got.len(), frames.len(), "delivered");
    assert!(got == frames, "delivered frames differ from those sent");
    let msgs = sa.function.stats().messages_sent + sb.function.stats().messages_sent;
    assert!(msgs > 0, "no MSI-X message was sent");
}

#[test]
fn dma_is_refused_while_bus_master_is_off() {
    let s = Served::new(behavioral());
    let dev = VfioUserCard::open(&s.path).unwrap();
    assert_ne!(dev.command().unwrap() & 4, 0, "open sets Bus Master Enable");
    dev.set_bus_master(false).unwrap();
    let mut a = Card::probe(Box::new(dev)).unwrap();
    a.apply(&config(CONFIG_A)).unwrap();
    // Ring setup writes descriptors, which the card fetches by DMA: refused.
    let r = a.setup_rings(4, 2048).and_then(|_| {
        a.post_tx(&[&[0x33u8; 100]])?;
        // The card works on its own thread: reap until it has said something.
        let mut cpl = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let r = a.reap_tx(&mut cpl);
            if r.is_err() || Instant::now() > deadline {
                break r;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    });
    match r {
        Err(DriverError::Ring { reason, .. }) => assert_eq!(reason, "DMA error"),
        other => panic!("expected a DMA error, got {other:?}"),
    }
    let st = s.function.stats();
    assert!(st.dma_refused > 0);
    assert_eq!(st.messages_sent, 0, "no message without Bus Master Enable");
}

#[test]
fn function_reset_wipes_the_card() {
    let s = Served::new(behavioral());
    let dev = VfioUserCard::open(&s.path).unwrap();
    dev.function_reset().unwrap();
    assert_eq!(
        dev.command().unwrap() & 6,
        6,
        "the driver restores its command register"
    );
    let mut a = Card::probe(Box::new(dev)).unwrap();
    a.apply(&config(CONFIG_A)).unwrap();
    assert!(a.tx_sa_state(0).unwrap().is_some(), "SA installed");
    let io = a.device();
    io.write32(c::SCRATCH.offset, 0x5A5A).unwrap();
    // A read flushes the posted write, as on PCIe.
    assert_eq!(io.read32(c::SCRATCH.offset).unwrap(), 0x5A5A);
    // Through the PCI Express capability's Device Control, as the guest kernel does it.
    let devctl = macsec_vfio_user::config::PCIE_DEVCTL as u64;
    let flr = macsec_vfio_user::config::PCIE_DEVCTL_FLR.to_le_bytes();
    s.function.write(7, devctl, &flr).unwrap();
    let mut cmd = [0u8; 2];
    s.function.read(7, 4, &mut cmd).unwrap();
    assert_eq!(
        u16::from_le_bytes(cmd) & 6,
        0,
        "FLR clears memory decode and Bus Master"
    );
    s.function.write(7, 4, &6u16.to_le_bytes()).unwrap();
    assert_eq!(io.read32(c::SCRATCH.offset).unwrap(), 0);
    // The SA table was wiped with the keys: reading entry 0 back finds it invalid.
    assert!(a.tx_sa_state(0).unwrap().is_none(), "SA survived FLR");
}

#[test]
fn a_card_that_stops_answering_reads_all_ones() {
    let s = Served::new(behavioral());
    let mut a = s.open();
    a.apply(&config(CONFIG_A)).unwrap();
    s.function.set_faults(Faults {
        gone: true,
        ..Faults::default()
    });
    assert_eq!(a.device().read32(c::ID.offset).unwrap(), u32::MAX);
    assert!(matches!(a.take_irq(), Err(DriverError::SurpriseRemoval)));
    assert!(matches!(
        a.tx_sa_state(0),
        Err(DriverError::SurpriseRemoval) | Err(DriverError::Timeout { .. })
    ));
}

#[test]
fn a_lost_message_is_recovered_by_the_re_arm() {
    let s = Served::new(behavioral());
    let mut a = s.open();
    a.apply(&config(CONFIG_A)).unwrap();
    a.setup_rings(4, 2048).unwrap();
    a.take_irq().unwrap();
    s.function.set_faults(Faults {
        lose_messages: 1,
        ..Faults::default()
    });
    a.post_tx(&[&[0x33u8; 100]]).unwrap();
    // The card completes the frame and its message is lost: the wait times out...
    let deadline = Instant::now() + Duration::from_secs(20);
    while s.function.stats().messages_lost == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    let first = a.wait(Duration::from_millis(300)).unwrap();
    assert_eq!(s.function.stats().messages_lost, 1);
    // ...unless the re-arm at the start of the wait already sent the next one. Either way, the
    // cause is still pending, so the next wait's re-arm sends a message at once.
    let second = a.wait(Duration::from_secs(5)).unwrap();
    assert!(first || second, "no message after the re-arm");
    let mut cpl = Vec::new();
    a.reap_tx(&mut cpl).unwrap();
    assert_eq!(cpl.len(), 1);
}

#[test]
fn irq_arm_sends_one_message_per_arm() {
    let s = Served::new(behavioral());
    let mut a = s.open();
    a.apply(&config(CONFIG_A)).unwrap();
    a.setup_rings(4, 2048).unwrap();
    let io = a.device();
    io.write32(c::IRQ_MASK.offset, c::IRQ_TX_CPL.bit()).unwrap();
    io.write32(c::IRQ_STATUS.offset, u32::MAX).unwrap();
    io.write32(c::IRQ_ARM.offset, 1).unwrap();
    assert_eq!(io.read32(c::IRQ_ARM.offset).unwrap(), 1, "armed");
    let before = s.function.stats().messages_sent;
    a.post_tx(&[&[0x33u8; 100]]).unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while a.device().read32(c::IRQ_ARM.offset).unwrap() != 0 && Instant::now() < deadline {}
    let io = a.device();
    assert_eq!(
        io.read32(c::IRQ_ARM.offset).unwrap(),
        0,
        "a message disarms"
    );
    assert_eq!(s.function.stats().messages_sent, before + 1);
    // Nothing more while disarmed, though the cause stays pending.
    io.write32(c::SCRATCH.offset, 1).unwrap();
    assert_eq!(s.function.stats().messages_sent, before + 1);
    // Re-armed with the cause pending: the next message goes at once.
    io.write32(c::IRQ_ARM.offset, 1).unwrap();
    assert_eq!(io.read32(c::IRQ_ARM.offset).unwrap(), 0);
    assert_eq!(s.function.stats().messages_sent, before + 2);
    // Cleared, then re-armed: armed, no message.
    io.write32(c::IRQ_STATUS.offset, u32::MAX).unwrap();
    io.write32(c::IRQ_ARM.offset, 1).unwrap();
    assert_eq!(io.read32(c::IRQ_ARM.offset).unwrap(), 1);
    assert_eq!(s.function.stats().messages_sent, before + 2);
}

#[test]
fn closing_the_driver_quiesces_and_resets_the_card() {
    let mut s = Served::new(behavioral());
    {
        let mut a = s.open();
        a.apply(&config(CONFIG_A)).unwrap();
        a.setup_rings(4, 2048).unwrap();
        a.device().write32(c::SCRATCH.offset, 0x1234).unwrap();
    }
    s.wait_ended();
    // The driver has gone: the card was reset (SCRATCH back to 0, keys wiped) and Bus Master
    // Enable cleared.
    let mut out = [0u8; 2];
    s.function.read(7, 4, &mut out).unwrap();
    assert_eq!(u16::from_le_bytes(out) & 4, 0, "Bus Master Enable left on");
    let mut w = [0u8; 4];
    s.function
        .read(0, c::SCRATCH.offset as u64, &mut w)
        .unwrap();
    assert_eq!(u32::from_le_bytes(w), 0, "the card was not reset on close");
}

/// The whole conformance suite through the vfio-user backend and each card's test BAR, the
/// cards running on the server's threads.
fn suite_over_vfio_user(make: fn() -> Box<dyn CardModel>) {
    use macsec_driver::conformance::{DeviceBench, CHECKS};
    let (sa, sb) = (Served::serving(make(), 1000), Served::serving(make(), 1000));
    let bench = DeviceBench {
        devices: vec![
            format!("vfio-user:{}", sa.path.display()),
            format!("vfio-user:{}", sb.path.display()),
        ],
        open: Box::new(|spec: &str| {
            let (dev, bar) = macsec_driver::open_device(spec, true)?;
            Ok((dev, bar.unwrap()))
        }),
    };
    let failed: Vec<String> = CHECKS
        .iter()
        .chain(macsec_driver::conformance::SERVED_CHECKS)
        .filter_map(|(name, check)| check(&bench).err().map(|e| format!("{name}: {e}")))
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
}

#[test]
fn conformance_suite_on_the_served_behavioral_card() {
    suite_over_vfio_user(behavioral);
}

#[test]
fn conformance_suite_on_the_served_hdl_card() {
    suite_over_vfio_user(|| {
        Box::new(macsec_testbench::hdl_card::HdlCard::new(
            macsec_hdl::engine::sim::EngineSim::new(),
            macsec_testbench::hdl_card::ShellParams::default(),
        ))
    });
}
