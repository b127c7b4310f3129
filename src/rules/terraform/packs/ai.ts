import type { Rule } from '../../../engine/rule';
import noPublicAiAccount from '../no-public-ai-account';
import noSagemakerNotebookRootOrInternet from '../no-sagemaker-notebook-root-or-internet';
import noVertexWorkbenchPublicIp from '../no-vertex-workbench-public-ip';
import noWeakBedrockGuardrail from '../no-weak-bedrock-guardrail';
import requireBedrockAgentGuardrail from '../require-bedrock-agent-guardrail';
import requireSagemakerEndpointEncryption from '../require-sagemaker-endpoint-encryption';

/** Terraform rules for AI services (Bedrock, SageMaker, Azure OpenAI, Vertex AI); registered by src/rules/index.ts. */
export const rules: readonly Rule[] = [requireBedrockAgentGuardrail, noSagemakerNotebookRootOrInternet, noWeakBedrockGuardrail, noPublicAiAccount, noVertexWorkbenchPublicIp, requireSagemakerEndpointEncryption] as Rule[];
