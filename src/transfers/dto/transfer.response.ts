import { ApiProperty } from '@nestjs/swagger';
import { TransferView } from '../../cases/dto/case.response';
import { PageOf } from '../../common/dto/page.response';

export class TransferPage extends PageOf(TransferView) {}

/** A transfer requested or acted on. */
export class TransferResponse {
  @ApiProperty({ type: () => TransferView }) transfer!: TransferView;
}
