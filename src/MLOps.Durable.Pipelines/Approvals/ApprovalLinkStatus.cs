namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>Why an approval link token was accepted or refused (see <see cref="ApprovalLinkSigner.Verify"/>).</summary>
public enum ApprovalLinkStatus
{
    /// <summary>Signed with our key, not expired, bound to the run and reviewer asked about.</summary>
    Valid,

    /// <summary>Not two base64url parts joined by '.', or the payload is not the expected JSON.</summary>
    Malformed,

    /// <summary>The signature does not match the payload: altered, or signed with another key.</summary>
    BadSignature,

    /// <summary>Correctly signed, but its expiry time has passed.</summary>
    Expired,

    /// <summary>Correctly signed for another run.</summary>
    WrongRun,

    /// <summary>Correctly signed for another reviewer.</summary>
    WrongReviewer,
}
