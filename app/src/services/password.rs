//! Password hashing: argon2id (m = 19456 KiB, t = 2, p = 1), run off the async runtime
//! with bounded concurrency so a login burst cannot starve the server.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString,
};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::{Arc, OnceLock};
use tokio::sync::Semaphore;

fn argon2() -> Argon2<'static> {
    let params = Params::new(19_456, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

#[derive(Clone, Debug)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
}

impl Default for PasswordHasher {
    fn default() -> Self {
        let cores = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        Self::new(cores)
    }
}

impl PasswordHasher {
    /// At most `concurrency` hashes run at once (each takes ~19 MiB and tens of ms).
    pub fn new(concurrency: usize) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
        }
    }

    pub async fn hash(&self, password: &str) -> Result<String, String> {
        let password = password.to_string();
        self.blocking(move || {
            let salt = SaltString::generate(&mut OsRng);
            argon2()
                .hash_password(password.as_bytes(), &salt)
                .map(|h| h.to_string())
                .map_err(|e| e.to_string())
        })
        .await?
    }

    /// Checks `password` against `hash`. A missing user is checked against a dummy hash
    /// by the caller, so both paths cost the same.
    pub async fn verify(&self, password: &str, hash: &str) -> Result<bool, String> {
        let password = password.to_string();
        let hash = hash.to_string();
        self.blocking(move || {
            let parsed = PasswordHash::new(&hash).map_err(|e| e.to_string())?;
            Ok(argon2()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok())
        })
        .await?
    }

    /// A valid hash of a random password, for timing-equal checks of unknown users.
    pub fn dummy_hash() -> &'static str {
        static DUMMY: OnceLock<String> = OnceLock::new();
        DUMMY.get_or_init(|| {
            let salt = SaltString::generate(&mut OsRng);
            let random = uuid::Uuid::new_v4().to_string();
            argon2()
                .hash_password(random.as_bytes(), &salt)
                .expect("hashing a random password")
                .to_string()
        })
    }

    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, String> {
        let _permit = self.permits.acquire().await.map_err(|e| e.to_string())?;
        tokio::task::spawn_blocking(f)
            .await
            .map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_use_the_required_parameters() {
        let h = PasswordHasher::new(2);
        let hash = h.hash("Sonnenblume-2026!").await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(h.verify("Sonnenblume-2026!", &hash).await.unwrap());
        assert!(!h.verify("falsch", &hash).await.unwrap());
        assert!(!h.verify("x", PasswordHasher::dummy_hash()).await.unwrap());
    }
}
