//! A kept page's answer: its parts with the fresh nonce between them, handed to hyper as
//! they are instead of copied into one buffer first (a list page is about 35 KB).

use axum::body::Bytes;
use http_body::{Body, Frame, SizeHint};
use std::collections::VecDeque;
use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Body chunks of a known total length (so the answer keeps its Content-Length).
pub struct Parts {
    chunks: VecDeque<Bytes>,
    remaining: u64,
}

impl Parts {
    /// `parts` joined by `glue`, without copying the parts.
    pub fn joined(parts: &[Bytes], glue: Bytes) -> Self {
        let mut chunks = VecDeque::with_capacity(parts.len() * 2);
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                chunks.push_back(glue.clone());
            }
            chunks.push_back(part.clone());
        }
        let remaining = chunks.iter().map(|c| c.len() as u64).sum();
        Parts { chunks, remaining }
    }
}

impl Body for Parts {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let this = self.get_mut();
        Poll::Ready(this.chunks.pop_front().map(|chunk| {
            this.remaining -= chunk.len() as u64;
            Ok(Frame::data(chunk))
        }))
    }

    fn is_end_stream(&self) -> bool {
        self.chunks.is_empty()
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.remaining)
    }
}

#[cfg(test)]
mod tests {
    use super::Parts;
    use axum::body::{to_bytes, Body, Bytes};
    use http_body::Body as _;

    #[tokio::test]
    async fn joins_the_parts_with_the_glue_and_knows_its_length() {
        let parts = [
            Bytes::from_static(b"<script nonce=\""),
            Bytes::from_static(b"\">a</script><script nonce=\""),
            Bytes::from_static(b"\">b</script>"),
        ];
        let body = Parts::joined(&parts, Bytes::from_static(b"N0"));
        assert_eq!(body.size_hint().exact(), Some(58));
        let all = to_bytes(Body::new(body), usize::MAX).await.unwrap();
        assert_eq!(
            &all[..],
            b"<script nonce=\"N0\">a</script><script nonce=\"N0\">b</script>"
        );
    }

    #[tokio::test]
    async fn a_page_without_a_nonce_is_one_part() {
        let body = Parts::joined(&[Bytes::from_static(b"abc")], Bytes::new());
        assert_eq!(body.size_hint().exact(), Some(3));
        assert!(!body.is_end_stream());
        let all = to_bytes(Body::new(body), usize::MAX).await.unwrap();
        assert_eq!(&all[..], b"abc");
    }
}
