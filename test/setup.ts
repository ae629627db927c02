// s3rver needs the legacy OpenSSL provider for paginated listings; set before any test starts a server.
process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, '--openssl-legacy-provider'].filter(Boolean).join(' ');
// No AWS client in a test (or a trainer it starts) may ask the EC2 instance metadata service for credentials.
process.env.AWS_EC2_METADATA_DISABLED = 'true';
