//! The fast backend: `ring` (AES-NI/PCLMUL/VAES assembly). ring keeps its expanded key in its own
//! type, which does not zeroize; the SAK we hold does.

use ring::aead::{Aad, LessSafeKey, Nonce, Tag, UnboundKey, AES_128_GCM, AES_256_GCM};

use super::{Aead, AeadError, Sak};

pub(super) struct RingGcm(LessSafeKey);

impl RingGcm {
    pub(super) fn new(sak: &Sak) -> Self {
        let alg = if sak.len() == 16 {
            &AES_128_GCM
        } else {
            &AES_256_GCM
        };
        // ring only refuses a key whose length does not match the algorithm, which Sak rules out.
        let key = UnboundKey::new(alg, sak.as_bytes())
            .unwrap_or_else(|_| unreachable!("Sak is 16 or 32 octets"));
        RingGcm(LessSafeKey::new(key))
    }
}

impl Aead for RingGcm {
    fn seal(&self, iv: &[u8; 12], aad: &[u8], data: &mut [u8]) -> Result<[u8; 16], AeadError> {
        let tag = self
            .0
            .seal_in_place_separate_tag(Nonce::assume_unique_for_key(*iv), Aad::from(aad), data)
            .map_err(|_| AeadError)?;
        let mut out = [0u8; 16];
        out.copy_from_slice(tag.as_ref());
        Ok(out)
    }

    fn open(&self, iv: &[u8; 12], aad: &[u8], data: &mut [u8], tag: &[u8; 16]) -> bool {
        self.0
            .open_in_place_separate_tag(
                Nonce::assume_unique_for_key(*iv),
                Aad::from(aad),
                Tag::from(*tag),
                data,
                0..,
            )
            .is_ok()
    }
}
