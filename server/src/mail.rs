//! E-mail: the outbox is sent over SMTP (lettre) by a background task in every server
//! instance. Off unless KT_SMTP_URL is set. A failed delivery is logged and retried with
//! growing pauses; requests never wait for the mail server.

use app::db::notifications::{claim_mail, mark_failed, mark_sent, OutgoingMail};
use app::db::Db;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;
use time::OffsetDateTime;

/// How long a sender holds a claimed e-mail before another may try it.
const LEASE: time::Duration = time::Duration::minutes(2);

#[derive(Clone, Debug)]
pub struct MailConfig {
    pub host: String,
    pub port: u16,
    pub from: Mailbox,
    /// Prefix for the links in e-mails, e.g. https://konfigurationstool.example.
    pub public_url: String,
    /// Pause between looks at the outbox when it is empty.
    pub poll: Duration,
}

impl MailConfig {
    /// KT_SMTP_URL (smtp://host:port), KT_MAIL_FROM, KT_PUBLIC_URL, KT_MAIL_POLL_MS.
    pub fn from_env() -> Result<Option<MailConfig>, String> {
        let Ok(url) = std::env::var("KT_SMTP_URL") else {
            return Ok(None);
        };
        let from = std::env::var("KT_MAIL_FROM")
            .unwrap_or_else(|_| "Konfigurationstool <konfigurationstool@arbeitsagentur.de>".into());
        let public_url =
            std::env::var("KT_PUBLIC_URL").unwrap_or_else(|_| "http://127.0.0.1:3000".into());
        let poll = std::env::var("KT_MAIL_POLL_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(5_000);
        Self::new(&url, &from, &public_url, Duration::from_millis(poll)).map(Some)
    }

    pub fn new(
        url: &str,
        from: &str,
        public_url: &str,
        poll: Duration,
    ) -> Result<MailConfig, String> {
        let rest = url.strip_prefix("smtp://").ok_or_else(|| {
            format!("KT_SMTP_URL muss mit smtp:// beginnen (z. B. smtp://relay.intern:25), nicht „{url}“.")
        })?;
        let (host, port) = match rest.rsplit_once(':') {
            Some((h, p)) => (
                h.to_string(),
                p.parse()
                    .map_err(|_| format!("Ungültiger Port in KT_SMTP_URL: „{p}“."))?,
            ),
            None => (rest.to_string(), 25),
        };
        let from = from
            .parse()
            .map_err(|_| format!("KT_MAIL_FROM ist keine gültige Absenderadresse: „{from}“."))?;
        Ok(MailConfig {
            host,
            port,
            from,
            public_url: public_url.trim_end_matches('/').to_string(),
            poll,
        })
    }
}

/// Sends due e-mails until the outbox is empty, then waits `poll`; forever.
pub fn spawn_sender(db: Db, config: MailConfig) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.host)
            .port(config.port)
            .timeout(Some(Duration::from_secs(20)))
            .build();
        loop {
            while send_one(&db, &transport, &config).await {}
            tokio::time::sleep(config.poll).await;
        }
    })
}

/// Claims and sends one e-mail; false when there was none to send (or the outbox could
/// not be read).
async fn send_one(
    db: &Db,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    config: &MailConfig,
) -> bool {
    let now = OffsetDateTime::now_utc();
    let mail = match claim_mail(db, now, LEASE).await {
        Ok(Some(mail)) => mail,
        Ok(None) => return false,
        Err(e) => {
            tracing::error!(error = %e, "E-Mail-Ausgang nicht lesbar");
            return false;
        }
    };
    let result = match compose(&mail, config) {
        Ok(message) => transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Err(e) => Err(e),
    };
    let done = match &result {
        Ok(()) => mark_sent(db, mail.id, OffsetDateTime::now_utc()).await,
        Err(error) => {
            let retry_at = OffsetDateTime::now_utc() + backoff(mail.attempts);
            tracing::warn!(mail = mail.id, attempts = mail.attempts, %error, %retry_at, "E-Mail nicht zugestellt, neuer Versuch später");
            mark_failed(db, mail.id, retry_at, error).await
        }
    };
    if let Err(e) = done {
        tracing::error!(error = %e, mail = mail.id, "E-Mail-Status nicht gespeichert");
    }
    true
}

/// 30 s after the first failure, doubling up to an hour.
pub fn backoff(attempts: i64) -> time::Duration {
    let exp = u32::try_from(attempts.clamp(1, 8) - 1).unwrap_or(0);
    (time::Duration::seconds(30) * 2i32.pow(exp)).min(time::Duration::hours(1))
}

fn compose(mail: &OutgoingMail, config: &MailConfig) -> Result<Message, String> {
    let to: Mailbox = mail
        .recipient
        .parse()
        .map_err(|_| format!("ungültige Empfängeradresse „{}“", mail.recipient))?;
    let body = format!(
        "{}\n\nZum Vorgang: {}{}\n\n-- \nKonfigurationstool Postfachservice (automatische Nachricht)",
        mail.body,
        config.public_url, mail.link
    );
    Message::builder()
        .from(config.from.clone())
        .to(to)
        .subject(&mail.subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configuration_from_an_url() {
        let c = MailConfig::new(
            "smtp://relay.intern:2525",
            "KT <kt@arbeitsagentur.de>",
            "https://kt/",
            Duration::from_secs(1),
        )
        .unwrap();
        assert_eq!(
            (c.host.as_str(), c.port, c.public_url.as_str()),
            ("relay.intern", 2525, "https://kt")
        );
        assert_eq!(
            MailConfig::new("smtp://relay", "kt@arbeitsagentur.de", "x", Duration::ZERO)
                .unwrap()
                .port,
            25
        );
        assert!(
            MailConfig::new("http://relay", "kt@arbeitsagentur.de", "x", Duration::ZERO).is_err()
        );
        assert!(MailConfig::new("smtp://relay", "kein absender", "x", Duration::ZERO).is_err());
    }

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        assert_eq!(backoff(1), time::Duration::seconds(30));
        assert_eq!(backoff(2), time::Duration::seconds(60));
        assert_eq!(backoff(20), time::Duration::hours(1));
    }
}
