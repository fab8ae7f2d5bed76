//! Programming the engine through its CSR bus from a configuration, as the driver does (the
//! testbench's scoreboard uses the driver itself; these tests stay inside the crate).

#![allow(dead_code)]

use macsec_hdl::engine::sim::EngineSim;
use macsec_model::regmap::tables::{key, rx_sa, rx_sc, tx_sa, window as tw};
use macsec_model::regmap::{card as c, secy as s};
use macsec_model::secy::{RxSaParams, TxSaParams};
use macsec_model::{Config, Sak};

pub fn table(sim: &mut EngineSim, id: u32, index: u32, words: &[u32]) {
    for (i, w) in words.iter().enumerate() {
        sim.write(tw::DATA0_OFFSET + 4 * i as u32, *w);
    }
    sim.write(
        tw::CMD.offset,
        tw::CMD_TABLE.val(id) | tw::CMD_WRITE.bit() | tw::CMD_INDEX.val(index),
    );
    loop {
        let st = sim.read(tw::STATUS.offset);
        if st & tw::STATUS_BUSY.mask() == 0 {
            assert_eq!(st, 0, "table {id} index {index} refused");
            break;
        }
    }
}

pub fn key_words(k: &[u8]) -> Vec<u32> {
    let mut w: Vec<u32> = k
        .chunks(4)
        .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    w.resize(8, 0);
    w.push(key::LEN_VALID.bit() | key::LEN_256.val((k.len() == 32) as u32));
    w
}

fn salt_words(s: Option<[u8; 12]>) -> [u32; 3] {
    let s = s.unwrap_or([0; 12]);
    [0, 4, 8].map(|i| u32::from_be_bytes([s[i], s[i + 1], s[i + 2], s[i + 3]]))
}

fn sak(k: &Sak) -> Vec<u8> {
    k.as_bytes().to_vec()
}

/// Program a whole configuration; the engine's data path is enabled at the end.
pub fn program(sim: &mut EngineSim, cfg: &Config) {
    let ctl = cfg.controls().unwrap();
    let v = s::CTRL_PROTECT.val(ctl.protect_frames as u32)
        | s::CTRL_ALWAYS_SCI.val(ctl.always_include_sci as u32)
        | s::CTRL_USE_ES.val(ctl.use_es as u32)
        | s::CTRL_USE_SCB.val(ctl.use_scb as u32)
        | s::CTRL_REPLAY.val(ctl.replay_protect as u32)
        | s::CTRL_VALIDATE.val(s::validate_code(ctl.validate_frames))
        | s::CTRL_SUITE.val(s::suite_code(ctl.cipher_suite))
        | s::CTRL_OFFSET.val(ctl.confidentiality_offset as u32);
    sim.write(s::CTRL.offset, v);
    assert_eq!(sim.read(s::CTRL.offset), v, "SECY.CTRL refused");
    sim.write(s::REPLAY_WINDOW.offset, ctl.replay_window);
    sim.write(s::TX_SCI_LO.offset, cfg.sci.0 as u32);
    sim.write(s::TX_SCI_HI.offset, (cfg.sci.0 >> 32) as u32);
    sim.write(s::PN_THRESHOLD_LO.offset, ctl.pn_threshold as u32);
    sim.write(s::PN_THRESHOLD_HI.offset, (ctl.pn_threshold >> 32) as u32);
    sim.write(
        s::MAX_FRAME_LEN.offset,
        ctl.max_frame_len.unwrap_or(0) as u32,
    );
    for sa in &cfg.tx_sa {
        let p: TxSaParams = sa.tx_params(cfg.encrypt).unwrap();
        let an = sa.an as u32;
        table(sim, key::ID, an, &key_words(&sak(&p.sak)));
        let salt = salt_words(p.salt);
        table(
            sim,
            tx_sa::ID,
            an,
            &[
                tx_sa::CTRL_ENABLE.val(p.enable as u32)
                    | tx_sa::CTRL_VALID.bit()
                    | tx_sa::CTRL_CONF.val(p.confidentiality as u32)
                    | tx_sa::CTRL_KEY.val(an),
                p.next_pn as u32,
                (p.next_pn >> 32) as u32,
                p.ssci.unwrap_or(0),
                salt[0],
                salt[1],
                salt[2],
            ],
        );
    }
    for (slot, sc) in cfg.rx_sc.iter().enumerate() {
        let sci = sc.sci(slot).unwrap();
        let slot = slot as u32;
        table(
            sim,
            rx_sc::ID,
            slot,
            &[
                rx_sc::CTRL_VALID.bit() | rx_sc::CTRL_ENABLE.val(sc.on as u32),
                sci.0 as u32,
                (sci.0 >> 32) as u32,
            ],
        );
        for sa in &sc.sa {
            let p: RxSaParams = sa.rx_params().unwrap();
            let index = 4 * slot + sa.an as u32;
            let ks = 4 + index;
            table(sim, key::ID, ks, &key_words(&sak(&p.sak)));
            let salt = salt_words(p.salt);
            let low = p.lowest_pn.unwrap_or(0);
            table(
                sim,
                rx_sa::ID,
                index,
                &[
                    rx_sa::CTRL_ENABLE.val(p.enable as u32)
                        | rx_sa::CTRL_VALID.bit()
                        | rx_sa::CTRL_KEY.val(ks),
                    p.next_pn as u32,
                    (p.next_pn >> 32) as u32,
                    low as u32,
                    (low >> 32) as u32,
                    p.ssci.unwrap_or(0),
                    salt[0],
                    salt[1],
                    salt[2],
                ],
            );
        }
    }
    sim.write(
        s::TX_AN.offset,
        s::TX_AN_ENCODING.val(cfg.encodingsa as u32),
    );
    sim.write(c::CONTROL.offset, c::CONTROL_ENABLE.bit());
}

/// Read entry `index` of table `id` into the DATA words, and return them.
pub fn read_entry(sim: &mut EngineSim, id: u32, index: u32) -> [u32; 16] {
    sim.write(
        tw::CMD.offset,
        tw::CMD_TABLE.val(id) | tw::CMD_INDEX.val(index),
    );
    while sim.read(tw::STATUS.offset) & tw::STATUS_BUSY.mask() != 0 {}
    let mut d = [0u32; 16];
    for (i, w) in d.iter_mut().enumerate() {
        *w = sim.read(tw::DATA0_OFFSET + 4 * i as u32);
    }
    d
}
