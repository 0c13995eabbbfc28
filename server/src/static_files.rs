//! The client's files under /pkg (JavaScript, wasm, CSS).
//!
//! After the build, `konfigurationstool assets` copies them to names that carry a hash of
//! their content (`konfigurationstool-<hash>.wasm` …), writes Brotli (quality 11) and gzip
//! (level 9) beside each copy, and names the release in `release.txt`. The server then
//! links the hashed names and serves them with `Cache-Control: public, max-age=31536000,
//! immutable`, the precompressed file that `Accept-Encoding` allows, and nothing to
//! compress per request. A new build has new names, so no browser keeps an old client.
//! Without `release.txt` (a development build), the plain names are served and revalidated.

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};
use tower_http::services::ServeDir;

/// Names the release in the site's pkg directory.
pub const RELEASE_FILE: &str = "release.txt";

/// The client's files, each named `<output name>.<extension>`.
const EXTENSIONS: [&str; 3] = ["js", "wasm", "css"];

/// Hex digits of the content hash in a name (64 bits: no two builds collide).
const HASH_DIGITS: usize = 16;

/// A hashed name never changes its content.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The release name for the files' contents: `<output name>-<hash>`.
fn release_name(output_name: &str, contents: &[Vec<u8>]) -> String {
    let mut hash = Sha256::new();
    for bytes in contents {
        hash.update((bytes.len() as u64).to_be_bytes());
        hash.update(bytes);
    }
    let hex: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
    format!("{output_name}-{}", &hex[..HASH_DIGITS])
}

fn brotli(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        // Quality 11, window 2^24: once per build, the smallest file for every visit.
        let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 24);
        w.write_all(bytes)?;
    }
    Ok(out)
}

fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    w.write_all(bytes)?;
    w.finish()
}

/// Writes the hashed copies with their compressed forms into `pkg`, removes those of
/// earlier builds, and names the release in `release.txt`. Returns the release name.
pub fn prepare(pkg: &Path, output_name: &str) -> std::io::Result<String> {
    let plain = |ext: &str| pkg.join(format!("{output_name}.{ext}"));
    let contents = EXTENSIONS
        .iter()
        .map(|ext| std::fs::read(plain(ext)))
        .collect::<std::io::Result<Vec<_>>>()?;
    let release = release_name(output_name, &contents);
    let stale_prefix = format!("{output_name}-");
    for entry in std::fs::read_dir(pkg)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.starts_with(&stale_prefix) && !name.starts_with(&release) {
            std::fs::remove_file(pkg.join(name))?;
        }
    }
    for (ext, bytes) in EXTENSIONS.iter().zip(&contents) {
        let hashed = pkg.join(format!("{release}.{ext}"));
        write_atomically(&hashed, bytes)?;
        write_atomically(&with_suffix(&hashed, "br"), &brotli(bytes)?)?;
        write_atomically(&with_suffix(&hashed, "gz"), &gzip(bytes)?)?;
    }
    write_atomically(&pkg.join(RELEASE_FILE), release.as_bytes())?;
    Ok(release)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// A server starting meanwhile sees the old file or the whole new one.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = with_suffix(path, "tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(tmp, path)
}

/// The name the pages link: the prepared release if `pkg` has one, else `output_name`.
pub fn linked_name(pkg: &Path, output_name: &str) -> String {
    std::fs::read_to_string(pkg.join(RELEASE_FILE))
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| s.starts_with(output_name) && !s.contains(['/', '\\']))
        .unwrap_or_else(|| output_name.to_string())
}

/// The /pkg service: precompressed files as the client accepts them.
pub fn service(pkg: &Path) -> ServeDir {
    ServeDir::new(pkg).precompressed_br().precompressed_gzip()
}

/// Hashed names are cached for a year; anything else is revalidated on each use.
pub async fn caching(req: Request, next: Next) -> Response {
    let hashed = is_hashed(req.uri().path());
    let mut res = next.run(req).await;
    if res.status().is_success() || res.status() == axum::http::StatusCode::NOT_MODIFIED {
        let value = if hashed { IMMUTABLE } else { "no-cache" };
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    res
}

/// `…-<16 hex digits>.<extension>`.
fn is_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default();
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        hash.len() == HASH_DIGITS && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_follows_every_byte_of_every_file() {
        let a = release_name("kt", &[b"js".to_vec(), b"wasm".to_vec(), b"css".to_vec()]);
        let b = release_name("kt", &[b"js".to_vec(), b"wasm!".to_vec(), b"css".to_vec()]);
        // Lengths are hashed too: moving a byte between files changes the name.
        let c = release_name("kt", &[b"jsw".to_vec(), b"asm".to_vec(), b"css".to_vec()]);
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert!(a.starts_with("kt-") && a.len() == 3 + HASH_DIGITS);
        assert!(is_hashed(&format!("/pkg/{a}.wasm")));
        assert!(is_hashed(&format!("/{a}.css")));
        assert!(!is_hashed("/pkg/konfigurationstool.wasm"));
        assert!(!is_hashed("/pkg/konfigurationstool-bg.js"));
    }

    #[test]
    fn prepared_files_decode_to_the_originals_and_old_builds_go() {
        let dir = tempfile::tempdir().unwrap();
        let pkg = dir.path();
        for (ext, text) in [("js", "export{}"), ("wasm", "\0asm"), ("css", "body{}")] {
            std::fs::write(pkg.join(format!("kt.{ext}")), text.repeat(100)).unwrap();
        }
        let first = prepare(pkg, "kt").unwrap();
        assert_eq!(linked_name(pkg, "kt"), first);
        std::fs::write(pkg.join("kt.css"), "main{}").unwrap();
        let second = prepare(pkg, "kt").unwrap();
        assert_ne!(first, second);
        assert_eq!(linked_name(pkg, "kt"), second);
        let left: Vec<String> = std::fs::read_dir(pkg)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(&first))
            .collect();
        assert!(left.is_empty(), "{left:?}");
        let js = std::fs::read(pkg.join(format!("{second}.js"))).unwrap();
        let mut decoded = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(
                &std::fs::read(pkg.join(format!("{second}.js.gz"))).unwrap()[..],
            ),
            &mut decoded,
        )
        .unwrap();
        assert_eq!(decoded, js);
        let br = std::fs::read(pkg.join(format!("{second}.js.br"))).unwrap();
        let mut decoded = Vec::new();
        std::io::Read::read_to_end(&mut brotli::Decompressor::new(&br[..], 4096), &mut decoded)
            .unwrap();
        assert_eq!(decoded, js);
        // Without a release the plain name is linked.
        std::fs::remove_file(pkg.join(RELEASE_FILE)).unwrap();
        assert_eq!(linked_name(pkg, "kt"), "kt");
    }
}
