// s3rver needs the legacy OpenSSL provider for paginated listings; set before any test starts a server.
process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, '--openssl-legacy-provider'].filter(Boolean).join(' ');
