-- Issue 14: WeCom, DingTalk and Feishu as single sign-on connection kinds.
ALTER TYPE "SsoKind" ADD VALUE 'WECOM';
ALTER TYPE "SsoKind" ADD VALUE 'DINGTALK';
ALTER TYPE "SsoKind" ADD VALUE 'FEISHU';
