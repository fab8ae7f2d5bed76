//! `macsec bench --card model`: the driver and the behavioral card against the golden SecY
//! alone, in one run on the same frames — what the rings, DMA copies and register accesses cost.
//!
//! TX: the golden model protects a frame in a reused buffer; the card path posts a batch of 32
//! frames on the TX ring (one copy into DMA memory each, one doorbell), the card fetches and
//! protects them, the host reaps the completions and the wire frames are taken. RX: the golden
//! model validates a protected frame; the card path puts a batch on the card's wire, the card
//! validates and writes them into RX buffers, the host reaps them where they lie.

use std::hint::black_box;
use std::time::Duration;

use macsec_driver::sim::SimDevice;
use macsec_driver::Card;
use macsec_model::card::{BehavioralCard, CardCaps, CardModel};
use macsec_model::{Backend, Config, FrameBuf};
use serde_json::json;

use super::bench::race;
use crate::error::CliError;

const BATCH: usize = 32;
/// Ring entries (log2).
const LOG_RING: u32 = 6;

const CONFIG: &str = r#"
cipher = "gcm-aes-128"
sci = "0012345678900001"
replay = false
[[tx_sa]]
an = 0
key = "42424242424242424242424242424242"
[[rx_sc]]
sci = "0012345678900001"
[[rx_sc.sa]]
an = 0
key = "42424242424242424242424242424242"
"#;

fn fail<E: std::fmt::Display>(e: E) -> CliError {
    CliError::Failed(e.to_string())
}

/// One card programmed as its own peer, and a golden SecY programmed the same.
fn setup(
    b: Backend,
    buf_size: usize,
) -> Result<(SimDevice<BehavioralCard>, Card, macsec_model::SecY), CliError> {
    let cfg = Config::from_toml(CONFIG).map_err(fail)?;
    let dev = SimDevice::new(BehavioralCard::new(CardCaps::default(), b));
    let mut card = Card::probe(Box::new(dev.clone())).map_err(fail)?;
    card.apply(&cfg).map_err(fail)?;
    card.setup_rings(LOG_RING, buf_size).map_err(fail)?;
    let golden = cfg.build(b).map_err(fail)?;
    Ok((dev, card, golden))
}

/// Rows of `{"card","size","op","golden_gbps","card_gbps","ratio"}`.
pub fn measure(
    b: Backend,
    size: usize,
    slice: Duration,
) -> Result<Vec<serde_json::Value>, CliError> {
    // Buffers sized to the frames, as a NIC driver sizes them (2 KiB for 1500-octet frames).
    let (dev, mut card, mut golden) = setup(b, (size + 32).next_power_of_two().max(256))?;
    let frame: Vec<u8> = (0..size).map(|i| (i * 7 + 3) as u8).collect();
    let batch: Vec<&[u8]> = vec![&frame[..]; BATCH];
    let gbps = |fps: f64| fps * size as f64 * 8.0 / 1e9;
    // Both sides of a race record failures here; a Cell lets both closures hold it.
    let ok = std::cell::Cell::new(true);
    let check = |c: bool| ok.set(ok.get() & c);

    // Both sides start from the frame in the host's hands: the golden model copies it into its
    // buffer, the driver into DMA memory.
    let mut buf = FrameBuf::with_capacity(size);
    let mut cpl = Vec::with_capacity(BATCH);
    let (g_tx, c_tx) = race(
        slice,
        BATCH,
        |_| {
            buf.set(&frame);
            check(golden.protect(&mut buf).counter.transmits());
        },
        |i| {
            if i % BATCH == 0 {
                cpl.clear();
                check(card.post_tx(&batch).is_ok_and(|n| n == BATCH));
                check(card.reap_tx(&mut cpl).is_ok_and(|n| n == BATCH));
                dev.with_card(|c| {
                    c.drain_wire(&mut |w| {
                        black_box(w);
                    })
                });
            }
        },
    );

    // Protected frames for the receive side, with distinct PNs.
    let mut wire = Vec::with_capacity(BATCH);
    for _ in 0..BATCH {
        buf.set(&frame);
        golden.protect(&mut buf);
        wire.push(buf.to_vec());
    }
    let mut delivered = 0usize;
    let (g_rx, c_rx) = race(
        slice,
        BATCH,
        |i| {
            buf.set(&wire[i % BATCH]);
            check(golden.validate(&mut buf).delivered());
        },
        |i| {
            if i % BATCH == 0 {
                dev.with_card(|c| wire.iter().for_each(|w| c.wire_in(w)));
                dev.run();
                delivered = 0;
                check(
                    card.reap_rx(|_, f| delivered += black_box(f).len().min(1))
                        .is_ok(),
                );
                check(delivered == BATCH);
            }
        },
    );
    if !ok.get() {
        return Err(CliError::Failed(format!(
            "card bench {size}: a frame went astray; figures would be meaningless"
        )));
    }
    let row = |op: &str, g: f64, c: f64| {
        json!({"card": "model", "backend": b.name(), "size": size, "op": op,
            "golden_gbps": (gbps(g) * 1000.0).round() / 1000.0,
            "card_gbps": (gbps(c) * 1000.0).round() / 1000.0,
            "ratio": (c / g * 1000.0).round() / 1000.0})
    };
    Ok(vec![row("tx", g_tx, c_tx), row("rx", g_rx, c_rx)])
}
