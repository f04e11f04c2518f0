// Every message reaches this section's client components (components/i18n/client-messages.tsx).
export { AllMessagesLayout as default } from "@/components/i18n/client-messages";
