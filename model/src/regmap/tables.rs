//! The indirect access window and the tables behind it: keys (write-only), transmit SAs, receive
//! SCs and receive SAs. A command names the table, the index and the operation; BUSY stays set
//! until it is done (a key write takes the time to compute H = AES_K(0^128)).

use super::types::{Access::*, Block, Field, Register, Table, Word};
use super::{f, header, r};

pub mod window {
    use super::*;

    pub const BASE: u32 = 0x200;
    pub const TYPE: u32 = super::super::VENDOR | 0x0002;
    pub const VERSION: u32 = 0x0001_0000;
    /// DATA registers in the window.
    pub const DATA_WORDS: u32 = 16;
    pub const DATA0_OFFSET: u32 = BASE + 0x20;

    pub const CMD_TABLE: Field = f("TABLE", 0, 4, "Table id: 1 KEY, 2 TX_SA, 3 RX_SC, 4 RX_SA.");
    pub const CMD_WRITE: Field = f(
        "WRITE",
        8,
        1,
        "1 writes DATA into the entry, 0 reads the entry into DATA.",
    );
    pub const CMD_INDEX: Field = f("INDEX", 16, 16, "Entry index.");
    pub const CMD: Register = r(
        "CMD",
        BASE + 0x0C,
        Cmd,
        0,
        "Writing starts an operation; reads return the last command.",
        &[CMD_TABLE, CMD_WRITE, CMD_INDEX],
    );

    pub const STATUS_BUSY: Field = f(
        "BUSY",
        0,
        1,
        "The operation is in progress; do not touch the window.",
    );
    pub const STATUS_ERROR: Field = f(
        "ERROR",
        1,
        1,
        "The last operation was refused (see CODE); nothing was changed.",
    );
    pub const STATUS_CODE: Field = f("CODE", 8, 8, "1 bad table, 2 index out of range (or RX_SA of an empty SC slot), 3 read of a write-only table, 4 key slot empty, 5 key length does not suit the cipher suite, 6 PN out of range, 7 SCI already in another slot.");
    pub const STATUS: Register = r(
        "STATUS",
        BASE + 0x10,
        Ro,
        0,
        "State of the last operation.",
        &[STATUS_BUSY, STATUS_ERROR, STATUS_CODE],
    );

    /// Error codes of STATUS.CODE.
    pub const E_TABLE: u32 = 1;
    pub const E_INDEX: u32 = 2;
    pub const E_WRITE_ONLY: u32 = 3;
    pub const E_KEY_EMPTY: u32 = 4;
    pub const E_KEY_LENGTH: u32 = 5;
    pub const E_PN: u32 = 6;
    pub const E_DUPLICATE_SCI: u32 = 7;

    const fn data(i: u32, name: &'static str) -> Register {
        r(name, DATA0_OFFSET + 4 * i, Rw, 0, "Entry data word (see Tables). Reads return 0 unless the last operation was a read: written words (keys) never read back. A write command, done or refused, leaves every DATA word 0, so the next entry's zero words need not be written; a read leaves the entry here.", &[])
    }
    pub const DATA: [Register; 16] = [
        data(0, "DATA0"),
        data(1, "DATA1"),
        data(2, "DATA2"),
        data(3, "DATA3"),
        data(4, "DATA4"),
        data(5, "DATA5"),
        data(6, "DATA6"),
        data(7, "DATA7"),
        data(8, "DATA8"),
        data(9, "DATA9"),
        data(10, "DATA10"),
        data(11, "DATA11"),
        data(12, "DATA12"),
        data(13, "DATA13"),
        data(14, "DATA14"),
        data(15, "DATA15"),
    ];

    pub const REGISTERS: &[Register] = &[
        header::TYPE.at(BASE, TYPE),
        header::VERSION.at(BASE, VERSION),
        header::NEXT.at(BASE, crate::regmap::counters::window::BASE),
        CMD,
        STATUS,
        DATA[0],
        DATA[1],
        DATA[2],
        DATA[3],
        DATA[4],
        DATA[5],
        DATA[6],
        DATA[7],
        DATA[8],
        DATA[9],
        DATA[10],
        DATA[11],
        DATA[12],
        DATA[13],
        DATA[14],
        DATA[15],
    ];
    pub const BLOCK: Block = Block {
        name: "TABLES",
        base: BASE,
        type_id: TYPE,
        version: VERSION,
        doc: "Indirect access to the key, SA and SC tables.",
        registers: REGISTERS,
    };
}

const fn w(name: &'static str, index: u32, doc: &'static str, fields: &'static [Field]) -> Word {
    Word {
        name,
        index,
        doc,
        fields,
    }
}

/// Key table: SAK words in DATA0..7 (big-endian: DATA0 holds key octets 0..3), length in DATA8.
pub mod key {
    use super::*;
    pub const ID: u32 = 1;
    pub const SAK_WORDS: u32 = 8;
    pub const LEN_256: Field = f(
        "AES256",
        0,
        1,
        "1: a 256-bit key in DATA0..7; 0: a 128-bit key in DATA0..3.",
    );
    pub const LEN_VALID: Field = f("VALID", 1, 1, "1 installs the key; 0 erases the slot.");
    pub const WORDS: &[Word] = &[
        w(
            "SAK0..SAK7",
            0,
            "DATA0..DATA7: the SAK, 4 octets per word, big-endian, first octet in DATA0[31:24].",
            &[],
        ),
        w(
            "LEN",
            8,
            "DATA8: key length and valid.",
            &[LEN_256, LEN_VALID],
        ),
    ];
    pub const TABLE: Table = Table { name: "KEY", id: ID, write_only: true, index_doc: "Key slot, 0 .. CAPS1.KEYS-1.", doc: "Write-only: a read is refused and returns zeros. The card computes H = AES_K(0^128) when a key is written (BUSY meanwhile). SAs name keys by slot and take the key when the SA entry is written.", words: WORDS };
}

/// Transmit SA table, index = AN.
pub mod tx_sa {
    use super::*;
    pub const ID: u32 = 2;
    pub const CTRL_ENABLE: Field = f("ENABLE", 0, 1, "enableTransmit.");
    pub const CTRL_CONF: Field = f(
        "CONFIDENTIALITY",
        1,
        1,
        "Encrypt (E=C=1) or integrity only.",
    );
    pub const CTRL_THRESHOLD: Field = f(
        "THRESHOLD_REACHED",
        2,
        1,
        "Read only: the SA used a PN at or above the threshold.",
    );
    pub const CTRL_EXHAUSTED: Field = f(
        "EXHAUSTED",
        3,
        1,
        "Read only: the SA used its last PN and stopped.",
    );
    pub const CTRL_VALID: Field = f(
        "VALID",
        4,
        1,
        "1 installs the SA (key, PN and all); 0 removes it.",
    );
    pub const CTRL_ENABLE_ONLY: Field = f(
        "ENABLE_ONLY",
        5,
        1,
        "On write: apply only ENABLE to the installed SA, keeping its PN and counters.",
    );
    pub const CTRL_KEY: Field = f("KEY_INDEX", 16, 16, "Key slot.");
    pub const WORDS: &[Word] = &[
        w(
            "CTRL",
            0,
            "DATA0",
            &[
                CTRL_ENABLE,
                CTRL_CONF,
                CTRL_THRESHOLD,
                CTRL_EXHAUSTED,
                CTRL_VALID,
                CTRL_ENABLE_ONLY,
                CTRL_KEY,
            ],
        ),
        w(
            "NEXT_PN_LO",
            1,
            "DATA1: nextPN, low 32 bits. Reads give the card's current value, and 0 once EXHAUSTED is set: an exhausted SA has no PN left to give.",
            &[],
        ),
        w("NEXT_PN_HI", 2, "DATA2: nextPN, high 32 bits (XPN).", &[]),
        w("SSCI", 3, "DATA3: SSCI (XPN).", &[]),
        w(
            "SALT0..SALT2",
            4,
            "DATA4..DATA6: the 96-bit salt, big-endian, first octet in DATA4[31:24] (XPN).",
            &[],
        ),
        w(
            "KEY_ID0..KEY_ID3",
            KEY_ID_WORD,
            "DATA7..DATA10: the SA's 128-bit key identifier, big-endian (`ip macsec`'s key ID, MKA's KI): not secret, held with the SA and read back, so the host can tell the same key from a new one without reading keys.",
            &[],
        ),
    ];
    /// The first of the key identifier's four words.
    pub const KEY_ID_WORD: u32 = 7;
    pub const TABLE: Table = Table {
        name: "TX_SA",
        id: ID,
        write_only: false,
        index_doc: "AN, 0..3.",
        doc: "The transmit SC's SAs.",
        words: WORDS,
    };
}

/// Receive SC table.
pub mod rx_sc {
    use super::*;
    pub const ID: u32 = 3;
    pub const CTRL_ENABLE: Field = f("ENABLE", 0, 1, "receiving: a disabled SC matches no frame.");
    pub const CTRL_VALID: Field = f(
        "VALID",
        1,
        1,
        "1 installs the SC; 0 removes it with its SAs.",
    );
    pub const WORDS: &[Word] = &[
        w("CTRL", 0, "DATA0", &[CTRL_ENABLE, CTRL_VALID]),
        w("SCI_LO", 1, "DATA1: the SCI, low 32 bits.", &[]),
        w("SCI_HI", 2, "DATA2: the SCI, high 32 bits.", &[]),
    ];
    pub const TABLE: Table = Table {
        name: "RX_SC",
        id: ID,
        write_only: false,
        index_doc: "SC slot, 0 .. CAPS0.RX_SCS-1.",
        doc: "Receive SCs, found by the SCI of received frames.",
        words: WORDS,
    };
}

/// Receive SA table, index = SC slot × 4 + AN.
pub mod rx_sa {
    use super::*;
    pub const ID: u32 = 4;
    pub const CTRL_ENABLE: Field = f("ENABLE", 0, 1, "enableReceive.");
    pub const CTRL_VALID: Field = f(
        "VALID",
        4,
        1,
        "1 installs the SA (key, PNs and all); 0 removes it.",
    );
    pub const CTRL_ENABLE_ONLY: Field = f(
        "ENABLE_ONLY",
        5,
        1,
        "On write: apply only ENABLE to the installed SA, keeping its PNs and counters.",
    );
    pub const CTRL_UPDATE_PN: Field = f(
        "UPDATE_PN",
        6,
        1,
        "On write: raise nextPN and lowestPN of the installed SA to NEXT_PN and LOWEST_PN where those are higher (updtNextPN, updtLowestPN, 10.7.15); nothing else changes.",
    );
    pub const CTRL_KEY: Field = f("KEY_INDEX", 16, 16, "Key slot.");
    pub const WORDS: &[Word] = &[
        w(
            "CTRL",
            0,
            "DATA0",
            &[
                CTRL_ENABLE,
                CTRL_VALID,
                CTRL_ENABLE_ONLY,
                CTRL_UPDATE_PN,
                CTRL_KEY,
            ],
        ),
        w("NEXT_PN_LO", 1, "DATA1: nextPN, low 32 bits.", &[]),
        w("NEXT_PN_HI", 2, "DATA2: nextPN, high 32 bits.", &[]),
        w(
            "LOWEST_PN_LO",
            3,
            "DATA3: lowest acceptable PN, low 32 bits; 0 on write: nextPN − replayWindow.",
            &[],
        ),
        w(
            "LOWEST_PN_HI",
            4,
            "DATA4: lowest acceptable PN, high 32 bits.",
            &[],
        ),
        w("SSCI", 5, "DATA5: SSCI (XPN).", &[]),
        w(
            "SALT0..SALT2",
            6,
            "DATA6..DATA8: the 96-bit salt, big-endian (XPN).",
            &[],
        ),
        w(
            "KEY_ID0..KEY_ID3",
            KEY_ID_WORD,
            "DATA9..DATA12: the SA's 128-bit key identifier, big-endian, as for TX_SA.",
            &[],
        ),
    ];
    /// The first of the key identifier's four words.
    pub const KEY_ID_WORD: u32 = 9;
    pub const TABLE: Table = Table {
        name: "RX_SA",
        id: ID,
        write_only: false,
        index_doc: "SC slot × 4 + AN.",
        doc: "Receive SAs. The SC slot must hold an SC.",
        words: WORDS,
    };
}

pub const TABLES: &[Table] = &[key::TABLE, tx_sa::TABLE, rx_sc::TABLE, rx_sa::TABLE];
