// Server tests print nothing but failures; dates are compared in UTC.
process.env.TZ = 'UTC';
