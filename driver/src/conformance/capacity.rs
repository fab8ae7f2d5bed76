//! The card's tables to their last entry, as CAPS reports their sizes: every receive SC slot
//! installed, traffic through the SC in the last slot on its last AN (the highest receive SA
//! index and the highest key slot the driver uses), one SC more refused, and the first entry
//! past each table's end refused by the card itself. An engine whose widths or decode do not
//! follow its sizes (another parameter set, `macsec-hdl`'s `small-tables`) fails here.

use macsec_model::regmap::tables::{key, rx_sa, rx_sc, window as tw};
use macsec_model::{Config, Sci};

use super::traffic::clean;
use super::{ctx, ensure, frames, Bench, Pair, Score, CONFIG_A, CONFIG_B};
use crate::DriverError;

const KEY: &str = "AD7A2BD03EAC835A6F620FDCB506B345";
const A_SCI: u64 = 0x0200_0000_0001_0001;

/// B's configuration with `n` receive SCs, A's last; each SC with one SA on AN 3.
fn receiver(n: u16) -> String {
    let mut t =
        "cipher = \"gcm-aes-128\"\nsci = \"020000000002 0001\"\nreplay = true\nwindow = 0\n"
            .to_string();
    for i in 0..n {
        let sci = if i + 1 == n {
            A_SCI
        } else {
            0x0200_0000_1000_0001 + ((i as u64) << 16)
        };
        t += &format!(
            "[[rx_sc]]\nsci = \"{sci:016X}\"\n[[rx_sc.sa]]\nan = 3\npn = 1\nkey = \"{KEY}\"\n"
        );
    }
    t
}

/// Every receive SC slot in use, and traffic through the last one's AN 3; the tables refuse the
/// entry past their end.
pub fn every_rx_sc_slot(bench: &dyn Bench) -> Result<(), String> {
    let (a0, b0) = (
        ctx(Config::from_toml(CONFIG_A), "config A")?,
        ctx(Config::from_toml(CONFIG_B), "config B")?,
    );
    let mut pair = Pair::new(bench, &a0, &b0, 5)?;
    let info = pair.b.card.info().clone();
    let n = info.rx_scs;
    let a = CONFIG_A.replace("[[tx_sa]]\nan = 0", "encodingsa = 3\n[[tx_sa]]\nan = 3");
    let a = ctx(Config::from_toml(&a), "config A on AN 3")?;
    let b = ctx(Config::from_toml(&receiver(n)), "config B")?;
    pair.reprogram(&a, &b, 5)?;
    let last = pair.b.card.rx_sc_slot(Sci(A_SCI));
    ensure(last == Some(n - 1), || {
        format!("A's SC is in slot {last:?}, not the last of {n}")
    })?;
    let mut score = Score::default();
    pair.send(&frames(13, 40), &mut score, &mut |f, out| out.push(f))?;
    ensure(score.frames_delivered == 40, || format!("{score:?}"))?;
    clean(&score, pair.compare_counters()?)?;
    match pair.b.card.add_rx_sc(Sci(0x0200_0000_2000_0001), true) {
        Err(DriverError::Full { .. }) => {}
        other => return Err(format!("an SC past {n} slots gave {other:?}")),
    }
    // The card's own bounds, written around the driver: the first entry past each table's end
    // is refused with E_INDEX (read for the SA and SC tables, written for the write-only keys).
    let io = pair.b.card.device();
    for (table, name, entries, write) in [
        (rx_sc::ID, "RX_SC", n as u32, false),
        (rx_sa::ID, "RX_SA", 4 * n as u32, false),
        (key::ID, "KEY", info.keys as u32, true),
    ] {
        let op = if write { tw::CMD_WRITE.bit() } else { 0 };
        ctx(
            io.write32(
                tw::CMD.offset,
                tw::CMD_TABLE.val(table) | op | tw::CMD_INDEX.val(entries),
            ),
            "CMD",
        )?;
        let st = super::checks::window_status(io)?;
        ensure(tw::STATUS_CODE.get(st) == tw::E_INDEX, || {
            format!("{name} entry {entries} (past the end) gave STATUS {st:#x}")
        })?;
    }
    Ok(())
}
