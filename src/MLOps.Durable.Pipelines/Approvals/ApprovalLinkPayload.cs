namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>What an approval link token signs (serialized as camelCase JSON).</summary>
/// <param name="RunId">The run it is for.</param>
/// <param name="Reviewer">The reviewer it is for.</param>
/// <param name="ExpiresAt">Expiry in Unix seconds.</param>
/// <param name="Nonce">16 random bytes, base64url, so two links for the same run and reviewer differ.</param>
internal sealed record ApprovalLinkPayload(string RunId, string Reviewer, long ExpiresAt, string Nonce);
