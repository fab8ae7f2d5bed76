//! The reference backend: RustCrypto `aes-gcm` (its key schedules zeroize on drop).

use aes_gcm::aead::{AeadInPlace, KeyInit};
use aes_gcm::{Aes128Gcm, Aes256Gcm, Nonce, Tag};

use super::{Aead, AeadError, Sak};

pub(super) enum RustCryptoGcm {
    Aes128(Box<Aes128Gcm>),
    Aes256(Box<Aes256Gcm>),
}

impl RustCryptoGcm {
    pub(super) fn new(sak: &Sak) -> Self {
        // Sak guarantees 16 or 32 octets, so both arms are exhaustive.
        match sak.as_bytes().len() {
            16 => RustCryptoGcm::Aes128(Box::new(Aes128Gcm::new(sak.as_bytes().into()))),
            _ => RustCryptoGcm::Aes256(Box::new(Aes256Gcm::new(sak.as_bytes().into()))),
        }
    }
}

impl Aead for RustCryptoGcm {
    fn seal(&self, iv: &[u8; 12], aad: &[u8], data: &mut [u8]) -> Result<[u8; 16], AeadError> {
        let nonce = Nonce::from_slice(iv);
        let tag = match self {
            RustCryptoGcm::Aes128(c) => c.encrypt_in_place_detached(nonce, aad, data),
            RustCryptoGcm::Aes256(c) => c.encrypt_in_place_detached(nonce, aad, data),
        }
        .map_err(|_| AeadError)?;
        Ok(tag.into())
    }

    fn open(&self, iv: &[u8; 12], aad: &[u8], data: &mut [u8], tag: &[u8; 16]) -> bool {
        let nonce = Nonce::from_slice(iv);
        let tag = Tag::from_slice(tag);
        match self {
            RustCryptoGcm::Aes128(c) => c.decrypt_in_place_detached(nonce, aad, data, tag),
            RustCryptoGcm::Aes256(c) => c.decrypt_in_place_detached(nonce, aad, data, tag),
        }
        .is_ok()
    }
}
