//! The vocabulary of the register map: blocks of 32-bit registers with fields, tables reached
//! through the indirect window, counters, and in-memory formats (descriptors, completions).

use serde::Serialize;

/// How software may access a register.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Access {
    /// Read-only.
    #[serde(rename = "RO")]
    Ro,
    /// Read-write.
    #[serde(rename = "RW")]
    Rw,
    /// Write-only: reads return 0.
    #[serde(rename = "WO")]
    Wo,
    /// Write 1 to clear.
    #[serde(rename = "W1C")]
    W1c,
    /// A write is a command; reads return status.
    #[serde(rename = "CMD")]
    Cmd,
}

impl Access {
    pub fn name(self) -> &'static str {
        match self {
            Access::Ro => "RO",
            Access::Rw => "RW",
            Access::Wo => "WO",
            Access::W1c => "W1C",
            Access::Cmd => "CMD",
        }
    }
}

/// A bit field of a register or table word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Field {
    pub name: &'static str,
    pub lsb: u32,
    pub width: u32,
    pub doc: &'static str,
}

impl Field {
    pub const fn mask(&self) -> u32 {
        if self.width >= 32 {
            u32::MAX
        } else {
            ((1u32 << self.width) - 1) << self.lsb
        }
    }

    /// The field's value in `word`.
    pub const fn get(&self, word: u32) -> u32 {
        (word & self.mask()) >> self.lsb
    }

    /// `word` with the field set to `value` (excess bits dropped).
    pub const fn set(&self, word: u32, value: u32) -> u32 {
        (word & !self.mask()) | ((value << self.lsb) & self.mask())
    }

    /// Just the field, positioned.
    pub const fn val(&self, value: u32) -> u32 {
        self.set(0, value)
    }

    pub const fn bit(&self) -> u32 {
        self.mask()
    }
}

/// A 32-bit register at an absolute BAR0 offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Register {
    pub name: &'static str,
    pub offset: u32,
    pub access: Access,
    pub reset: u32,
    pub doc: &'static str,
    pub fields: &'static [Field],
}

/// A register block: it opens with TYPE, VERSION and NEXT (0 ends the chain), so a driver can
/// discover what the card has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    pub name: &'static str,
    pub base: u32,
    pub type_id: u32,
    pub version: u32,
    pub doc: &'static str,
    /// All registers of the block, header included, by increasing offset.
    pub registers: &'static [Register],
}

/// One 32-bit word of a table entry, as it appears in the window's DATA registers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Word {
    pub name: &'static str,
    /// DATA register number.
    pub index: u32,
    pub doc: &'static str,
    pub fields: &'static [Field],
}

/// A table reached through the indirect access window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Table {
    pub name: &'static str,
    /// The TABLE value of the window's command register.
    pub id: u32,
    /// Reads are refused (the window reports an error and returns zeros).
    pub write_only: bool,
    /// What an index means and how many there are.
    pub index_doc: &'static str,
    pub doc: &'static str,
    pub words: &'static [Word],
}

/// The scopes of the counter window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Scope {
    SecY = 0,
    TxSc = 1,
    TxSa = 2,
    RxSc = 3,
    RxSa = 4,
}

impl Scope {
    pub const ALL: [Scope; 5] = [
        Scope::SecY,
        Scope::TxSc,
        Scope::TxSa,
        Scope::RxSc,
        Scope::RxSa,
    ];

    pub fn from_code(c: u32) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| *s as u32 == c)
    }

    pub fn name(self) -> &'static str {
        match self {
            Scope::SecY => "SecY",
            Scope::TxSc => "TxSC",
            Scope::TxSa => "TxSA",
            Scope::RxSc => "RxSC",
            Scope::RxSa => "RxSA",
        }
    }
}

/// A 64-bit counter: its scope, its number in the scope, its 802.1AE name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Counter {
    pub scope: Scope,
    pub id: u32,
    pub name: &'static str,
    pub doc: &'static str,
}

/// A little-endian structure in host memory (descriptor, completion).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Format {
    pub name: &'static str,
    pub size: u32,
    pub doc: &'static str,
    pub members: &'static [Member],
}

/// A member of a [`Format`]: `bytes` octets at `offset`, little-endian.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Member {
    pub name: &'static str,
    pub offset: u32,
    pub bytes: u32,
    pub doc: &'static str,
}
