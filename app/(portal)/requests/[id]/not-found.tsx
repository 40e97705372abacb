import { PageMessage } from "@/components/chrome/page-message";

export default function RequestNotFound() {
  return (
    <PageMessage code="404" title="No such request">
      <p>It may have been removed, or the link is mistyped.</p>
    </PageMessage>
  );
}
